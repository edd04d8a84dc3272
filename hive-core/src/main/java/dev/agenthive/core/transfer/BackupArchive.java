package dev.agenthive.core.transfer;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agenthive.api.blob.BlobId;
import dev.agenthive.api.blob.BlobReference;
import dev.agenthive.api.error.InvalidInputException;
import dev.agenthive.api.error.NotFoundException;
import dev.agenthive.api.transfer.Column;
import dev.agenthive.api.transfer.ColumnType;
import dev.agenthive.api.transfer.SnapshotWork;
import dev.agenthive.api.transfer.TableSnapshot;
import dev.agenthive.api.transfer.TableSpec;

import java.io.BufferedReader;
import java.io.FileOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * A backup: every table of a store at one point in time and every blob those rows need, in one zip
 * file that any store can be restored from. Entries: {@code tables/<table>.jsonl} (one JSON array of
 * a row's values per line, see {@link RowCodec}), {@code blobs/<sha-256>} (a blob's content) and,
 * written last, {@code manifest.json}: format, layout, source, time, each table's columns, row count
 * and checksum, each blob's id and size. The archive is written to a {@code .partial} file beside the
 * target and moved into place when complete, so a file by the backup's name is always whole.
 *
 * <p>Opened, it is a {@link RowSource} that a restore copies from.
 */
public final class BackupArchive implements RowSource, AutoCloseable {
    /** The {@code format} field of every manifest. */
    public static final String FORMAT = "agent-hive-backup";
    /** The version of the archive's structure, raised with any change readers must know about. */
    public static final int FORMAT_VERSION = 1;

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonFactory FACTORY = MAPPER.getFactory();
    private static final String MANIFEST = "manifest.json";

    private final Path file;
    private final ZipFile zip;
    private final Manifest manifest;

    private BackupArchive(Path file, ZipFile zip, Manifest manifest) {
        this.file = file;
        this.zip = zip;
        this.manifest = manifest;
    }

    /**
     * What a backup holds: its source, layout, time, and per table the rows' count and checksum.
     *
     * @param source  the store it was taken from
     * @param layout  the rows' layout version
     * @param takenAt when the snapshot was read
     * @param tables  each table with its proof
     * @param blobs   every blob's id and size
     */
    public record Manifest(String source, int layout, Instant takenAt, List<TableEntry> tables, Map<BlobId, Long> blobs) {
        public Manifest {
            tables = List.copyOf(tables);
            blobs = Map.copyOf(blobs);
        }

        /** Every table's expected count and checksum, by name. */
        public Map<String, TableSummary> summaries() {
            Map<String, TableSummary> summaries = new LinkedHashMap<>();
            tables.forEach(entry -> summaries.put(entry.spec().name(), entry.summary()));
            return summaries;
        }
    }

    /** One table of a backup: its spec and its proof. */
    public record TableEntry(TableSpec spec, TableSummary summary) {
    }

    /**
     * Writes a backup of {@code source} to {@code file}: the tables from one snapshot of the source,
     * then the blobs its rows need. Writers of the source go on meanwhile.
     *
     * @throws NotFoundException a blob the rows need is missing from the source's blob store
     */
    public static Manifest write(RowSource source, Path file, CopyProgress progress) {
        Objects.requireNonNull(source, "source is null");
        Objects.requireNonNull(file, "file is null");
        Objects.requireNonNull(progress, "progress is null");
        Path partial = file.resolveSibling(file.getFileName() + ".partial");
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Written written = source.snapshot(snapshot -> writeTables(source, snapshot, partial, progress));
            try (ZipOutputStream zip = written.zip) {
                Map<BlobId, Long> blobs = writeBlobs(source, written.blobs, zip, progress);
                Manifest manifest = new Manifest(source.location(), source.layout(), written.takenAt,
                        written.tables, blobs);
                zip.putNextEntry(new ZipEntry(MANIFEST));
                zip.write(MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(toJson(manifest)));
                zip.closeEntry();
                zip.finish();
                zip.flush();
                written.out.getFD().sync();
                Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                return manifest;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the backup " + file, e);
        } finally {
            try {
                Files.deleteIfExists(partial);
            } catch (IOException e) {
                // Left behind only if the disk refuses; the next backup overwrites it.
            }
        }
    }

    /** The open archive and what went into it while the snapshot was read. */
    private record Written(ZipOutputStream zip, FileOutputStream out, List<TableEntry> tables,
                           Set<BlobId> blobs, Instant takenAt) {
    }

    private static Written writeTables(RowSource source, TableSnapshot snapshot, Path partial, CopyProgress progress) {
        FileOutputStream out;
        try {
            // A retried snapshot starts the file over.
            out = new FileOutputStream(partial.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + partial, e);
        }
        ZipOutputStream zip = new ZipOutputStream(out);
        try {
            Instant takenAt = Instant.now();
            List<TableEntry> tables = new ArrayList<>();
            for (TableSpec table : source.tables()) {
                tables.add(writeTable(snapshot, table, zip, progress));
            }
            Set<BlobId> blobs = new LinkedHashSet<>();
            snapshot.blobReferences(reference -> blobs.add(reference.blob()));
            return new Written(zip, out, tables, blobs, takenAt);
        } catch (IOException | RuntimeException e) {
            try {
                zip.close();
            } catch (IOException closing) {
                e.addSuppressed(closing);
            }
            if (e instanceof IOException io) {
                throw new UncheckedIOException("cannot write " + partial, io);
            }
            throw (RuntimeException) e;
        }
    }

    private static TableEntry writeTable(TableSnapshot snapshot, TableSpec table, ZipOutputStream zip,
                                         CopyProgress progress) throws IOException {
        progress.started(table.name(), snapshot.count(table));
        zip.putNextEntry(new ZipEntry("tables/" + table.name() + ".jsonl"));
        TableChecksum checksum = new TableChecksum();
        JsonGenerator generator = FACTORY.createGenerator((OutputStream) new NonClosing(zip));
        snapshot.scan(table, row -> {
            try {
                RowCodec.writeArray(generator, table, row);
                generator.writeRaw('\n');
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            checksum.add(CanonicalRows.hash(table, row));
            if (checksum.rows() % 1000 == 0) {
                progress.advanced(table.name(), checksum.rows());
            }
        });
        generator.close();
        zip.closeEntry();
        TableSummary summary = checksum.summary();
        progress.finished(new TableResult(table.name(), summary.rows(), summary.rows(), 0, 0, summary));
        return new TableEntry(table, summary);
    }

    private static Map<BlobId, Long> writeBlobs(RowSource source, Set<BlobId> ids, ZipOutputStream zip,
                                                CopyProgress progress) throws IOException {
        Map<BlobId, Long> blobs = new LinkedHashMap<>();
        long done = 0;
        for (BlobId id : ids) {
            zip.putNextEntry(new ZipEntry("blobs/" + id));
            MessageDigest digest = sha256();
            long size;
            try (InputStream content = new DigestInputStream(source.openBlob(id), digest)) {
                size = content.transferTo(zip);
            }
            zip.closeEntry();
            String actual = HexFormat.of().formatHex(digest.digest());
            if (!actual.equals(id.toString())) {
                throw new IllegalStateException("blob " + id + " of " + source.location() + " holds content whose "
                        + "SHA-256 is " + actual + ": run 'hive fsck' on the source");
            }
            blobs.put(id, size);
            progress.blobs(++done, ids.size());
        }
        return blobs;
    }

    /**
     * Opens a backup to restore or verify it.
     *
     * @throws InvalidInputException the file is not an Agent Hive backup this version reads
     */
    public static BackupArchive open(Path file) {
        Objects.requireNonNull(file, "file is null");
        ZipFile zip;
        try {
            zip = new ZipFile(file.toFile());
        } catch (IOException e) {
            throw new InvalidInputException("backup", file + " is not a readable zip archive: " + e.getMessage(), e);
        }
        try {
            ZipEntry entry = zip.getEntry(MANIFEST);
            if (entry == null) {
                throw new InvalidInputException("backup", file + " has no " + MANIFEST + ": not a complete Agent Hive backup");
            }
            try (InputStream in = zip.getInputStream(entry)) {
                return new BackupArchive(file, zip, fromJson(file, MAPPER.readTree(in)));
            }
        } catch (IOException | RuntimeException e) {
            try {
                zip.close();
            } catch (IOException closing) {
                e.addSuppressed(closing);
            }
            if (e instanceof InvalidInputException invalid) {
                throw invalid;
            }
            throw new InvalidInputException("backup", file + " has an unreadable manifest: " + e.getMessage(), e);
        }
    }

    public Manifest manifest() {
        return manifest;
    }

    /**
     * Reads the whole archive again and checks it against its manifest: every table's rows parse and
     * show the recorded count and checksum, every blob is there and hashes to its id.
     *
     * @return the problems found; empty when the archive is sound
     */
    public List<String> verify() {
        List<String> problems = new ArrayList<>();
        for (TableEntry entry : manifest.tables()) {
            TableChecksum checksum = new TableChecksum();
            try {
                scanEntry(entry.spec(), row -> checksum.add(CanonicalRows.hash(entry.spec(), row)));
                if (!checksum.summary().equals(entry.summary())) {
                    problems.add("table " + entry.spec().name() + ": " + checksum.rows() + " rows with checksum "
                            + checksum.hex() + ", the manifest says " + entry.summary().rows() + " rows with "
                            + entry.summary().checksum());
                }
            } catch (RuntimeException e) {
                problems.add("table " + entry.spec().name() + ": " + e.getMessage());
            }
        }
        for (Map.Entry<BlobId, Long> blob : manifest.blobs().entrySet()) {
            ZipEntry entry = zip.getEntry("blobs/" + blob.getKey());
            if (entry == null) {
                problems.add("blob " + blob.getKey() + ": missing");
                continue;
            }
            MessageDigest digest = sha256();
            try (InputStream in = new DigestInputStream(zip.getInputStream(entry), digest)) {
                long size = in.transferTo(OutputStream.nullOutputStream());
                String actual = HexFormat.of().formatHex(digest.digest());
                if (!actual.equals(blob.getKey().toString()) || size != blob.getValue()) {
                    problems.add("blob " + blob.getKey() + ": content of " + size + " bytes hashes to " + actual);
                }
            } catch (IOException e) {
                problems.add("blob " + blob.getKey() + ": unreadable: " + e.getMessage());
            }
        }
        return problems;
    }

    @Override
    public String location() {
        return "backup:" + file.toAbsolutePath();
    }

    @Override
    public int layout() {
        return manifest.layout();
    }

    @Override
    public List<TableSpec> tables() {
        return manifest.tables().stream().map(TableEntry::spec).toList();
    }

    /** The archive never changes, so every read of it is the same point in time. */
    @Override
    public <T> T snapshot(SnapshotWork<T> work) {
        return work.read(new TableSnapshot() {
            @Override
            public long count(TableSpec table) {
                return entry(table).summary().rows();
            }

            @Override
            public void scan(TableSpec table, Consumer<List<Object>> rows) {
                scanEntry(entry(table).spec(), rows);
            }

            @Override
            public void blobReferences(Consumer<BlobReference> references) {
                manifest.blobs().keySet().forEach(id ->
                        references.accept(new BlobReference(id, "backup " + file.getFileName())));
            }
        });
    }

    @Override
    public InputStream openBlob(BlobId id) {
        ZipEntry entry = zip.getEntry("blobs/" + id);
        if (entry == null) {
            throw new NotFoundException("blob", id + " (not in the backup " + file + ")");
        }
        try {
            return zip.getInputStream(entry);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read blob " + id + " from " + file, e);
        }
    }

    @Override
    public void close() {
        try {
            zip.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close " + file, e);
        }
    }

    private TableEntry entry(TableSpec table) {
        return manifest.tables().stream().filter(entry -> entry.spec().name().equals(table.name())).findFirst()
                .orElseThrow(() -> new InvalidInputException("table", "the backup has no table " + table.name()));
    }

    private void scanEntry(TableSpec table, Consumer<List<Object>> rows) {
        ZipEntry entry = zip.getEntry("tables/" + table.name() + ".jsonl");
        if (entry == null) {
            throw new InvalidInputException("backup", "the backup has no rows of table " + table.name());
        }
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(zip.getInputStream(entry),
                StandardCharsets.UTF_8))) {
            String line;
            int number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                try {
                    rows.accept(RowCodec.readArray(table, MAPPER.readTree(line)));
                } catch (IOException | InvalidInputException e) {
                    throw new InvalidInputException("backup", "table " + table.name() + " line " + number
                            + " is not a row: " + e.getMessage(), e);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read table " + table.name() + " from " + file, e);
        }
    }

    private static ObjectNode toJson(Manifest manifest) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("format", FORMAT);
        root.put("formatVersion", FORMAT_VERSION);
        root.put("layout", manifest.layout());
        root.put("source", manifest.source());
        root.put("takenAt", manifest.takenAt().toString());
        ArrayNode tables = root.putArray("tables");
        for (TableEntry entry : manifest.tables()) {
            ObjectNode table = tables.addObject();
            table.put("name", entry.spec().name());
            ArrayNode columns = table.putArray("columns");
            for (Column column : entry.spec().columns()) {
                columns.addObject().put("name", column.name()).put("type", column.type().name())
                        .put("nullable", column.nullable());
            }
            ArrayNode key = table.putArray("key");
            entry.spec().key().forEach(key::add);
            entry.spec().parentColumn().ifPresent(parent -> table.put("parentColumn", parent));
            table.put("rows", entry.summary().rows());
            table.put("checksum", entry.summary().checksum());
        }
        ArrayNode blobs = root.putArray("blobs");
        manifest.blobs().forEach((id, size) -> blobs.addObject().put("id", id.toString()).put("size", size));
        return root;
    }

    private static Manifest fromJson(Path file, JsonNode root) {
        if (!FORMAT.equals(root.path("format").asText()) || root.path("formatVersion").asInt() != FORMAT_VERSION) {
            throw new InvalidInputException("backup", file + " is not an Agent Hive backup of format version "
                    + FORMAT_VERSION);
        }
        List<TableEntry> tables = new ArrayList<>();
        for (JsonNode table : root.path("tables")) {
            List<Column> columns = new ArrayList<>();
            for (JsonNode column : table.path("columns")) {
                columns.add(new Column(column.path("name").asText(), ColumnType.valueOf(column.path("type").asText()),
                        column.path("nullable").asBoolean()));
            }
            List<String> key = new ArrayList<>();
            table.path("key").forEach(part -> key.add(part.asText()));
            Optional<String> parent = table.hasNonNull("parentColumn")
                    ? Optional.of(table.get("parentColumn").asText()) : Optional.empty();
            tables.add(new TableEntry(new TableSpec(table.path("name").asText(), columns, key, parent),
                    new TableSummary(table.path("rows").asLong(), table.path("checksum").asText())));
        }
        Map<BlobId, Long> blobs = new LinkedHashMap<>();
        for (JsonNode blob : root.path("blobs")) {
            blobs.put(BlobId.parse(blob.path("id").asText()), blob.path("size").asLong());
        }
        return new Manifest(root.path("source").asText(), root.path("layout").asInt(),
                Instant.parse(root.path("takenAt").asText()), tables, blobs);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** The zip stream seen through a generator that must not close it at the end of an entry. */
    private static final class NonClosing extends FilterOutputStream {
        NonClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
