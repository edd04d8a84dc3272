package dev.agenthive.it.fault.lease;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A worker's ledger: one line per step, {@code <epoch millis> <kind> <fields...>}, written before
 * and after each call and flushed line by line, so that a line survives a SIGKILL of its writer
 * (it sits in the kernel's page cache, not in a buffer of the dead JVM). Writing is thread-safe.
 */
final class Ledger implements AutoCloseable {
    private final BufferedWriter writer;

    private Ledger(BufferedWriter writer) {
        this.writer = writer;
    }

    /** Opens {@code file} for appending, creating it if needed. */
    static Ledger append(Path file) throws IOException {
        return new Ledger(Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND));
    }

    /** Appends one line and flushes it. */
    synchronized void line(String kind, Object... fields) {
        StringBuilder text = new StringBuilder().append(System.currentTimeMillis()).append(' ').append(kind);
        for (Object field : fields) {
            text.append(' ').append(field);
        }
        try {
            writer.write(text.append('\n').toString());
            writer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public synchronized void close() throws IOException {
        writer.close();
    }

    /** Every complete line of {@code file} (none when it does not exist yet); a torn last line is left out. */
    static List<Entry> read(Path file) throws IOException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return List.of();
        }
        List<Entry> entries = new ArrayList<>();
        int end = text.lastIndexOf('\n');
        if (end < 0) {
            return entries;
        }
        for (String line : text.substring(0, end).split("\n")) {
            String[] parts = line.split(" ");
            entries.add(new Entry(Long.parseLong(parts[0]), parts[1], List.of(Arrays.copyOfRange(parts, 2, parts.length))));
        }
        return entries;
    }

    /**
     * One ledger line.
     *
     * @param at     when it was written, epoch milliseconds
     * @param kind   what happened ({@code claimed}, {@code completing}, {@code refused}, ...)
     * @param fields the rest of the line
     */
    record Entry(long at, String kind, List<String> fields) {
        /** The field at {@code index}. */
        String field(int index) {
            return fields.get(index);
        }
    }
}
