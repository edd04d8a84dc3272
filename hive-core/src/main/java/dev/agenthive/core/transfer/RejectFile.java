package dev.agenthive.core.transfer;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agenthive.api.error.InvalidInputException;
import dev.agenthive.api.transfer.TableSpec;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A file of rejected rows, one JSON object per line: {@code table}, {@code key}, {@code reason} and
 * the {@code row} (column name to value, lossless: see {@link RowCodec}), so that a person can read
 * why each row was refused and a later {@code --validate-only} can leave exactly those rows out.
 * Each line is flushed as it is written: a copy killed half-way leaves every reject it found.
 */
public final class RejectFile implements AutoCloseable {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonFactory FACTORY = MAPPER.getFactory();

    private final Path path;
    private Writer writer;
    private long written;

    private RejectFile(Path path) {
        this.path = path;
    }

    /** A reject file at {@code path}, emptied when the first reject is written (not before: a clean run leaves none). */
    public static RejectFile at(Path path) {
        return new RejectFile(path);
    }

    /** Appends one reject. */
    public synchronized void write(TableSpec table, Reject reject) {
        try {
            if (writer == null) {
                Path parent = path.toAbsolutePath().getParent();
                if (parent != null) {
                    Files.createDirectories(parent);
                }
                writer = Files.newBufferedWriter(path, StandardCharsets.UTF_8);
            }
            StringWriter line = new StringWriter();
            try (JsonGenerator out = FACTORY.createGenerator(line)) {
                out.writeStartObject();
                out.writeStringField("table", reject.table());
                out.writeArrayFieldStart("key");
                for (Object part : reject.key()) {
                    out.writeString(String.valueOf(part));
                }
                out.writeEndArray();
                out.writeStringField("reason", reject.reason());
                out.writeFieldName("row");
                RowCodec.writeObject(out, table, reject.row());
                out.writeEndObject();
            }
            writer.write(line.toString());
            writer.write('\n');
            writer.flush();
            written++;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the reject file " + path, e);
        }
    }

    /** How many rejects this run wrote. */
    public synchronized long written() {
        return written;
    }

    public Path path() {
        return path;
    }

    /** Removes a reject file an earlier run left, so that the file only ever lists this run's rejects. */
    public void clearEarlier() {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the earlier reject file " + path, e);
        }
    }

    /**
     * The rejects a file lists, for the tables given; empty when there is no file.
     *
     * @throws InvalidInputException a line is not a reject of a known table
     */
    public static List<Reject> read(Path path, List<TableSpec> tables) {
        if (!Files.exists(path)) {
            return List.of();
        }
        List<Reject> rejects = new ArrayList<>();
        try (BufferedReader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            String line;
            int number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                JsonNode node = MAPPER.readTree(line);
                String name = node.path("table").asText();
                Optional<TableSpec> table = tables.stream().filter(spec -> spec.name().equals(name)).findFirst();
                if (table.isEmpty()) {
                    throw new InvalidInputException("rejects", path + " line " + number + " names no known table: '"
                            + name + "'");
                }
                List<Object> row = RowCodec.readObject(table.get(), node.path("row"));
                rejects.add(new Reject(name, table.get().keyOf(row), node.path("reason").asText(), row));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the reject file " + path, e);
        }
        return rejects;
    }

    @Override
    public synchronized void close() {
        if (writer != null) {
            try {
                writer.close();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot close the reject file " + path, e);
            }
        }
    }
}
