package dev.agenthive.it.fault.sqlite;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;

/**
 * A writer's record of what the store acknowledged: one line {@code <n> <v>} per committed write
 * (write number and the random value it wrote), appended with one {@code write} system call each
 * after the store returned. A killed process's appended lines stay in the page cache, so the parent
 * reads every line that was acknowledged before the kill; a torn last line cannot happen for a
 * single small {@code write}, and a line without its newline is ignored all the same.
 */
final class Ledger implements AutoCloseable {
    private final FileChannel channel;

    private Ledger(FileChannel channel) {
        this.channel = channel;
    }

    static Ledger append(Path file) throws IOException {
        return new Ledger(FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND));
    }

    /** Records one acknowledged write. */
    synchronized void record(long n, long v) {
        write(n + " " + v + "\n");
    }

    /** Records a free-form line (failures of the I/O error writer). */
    synchronized void note(String line) {
        write(line.replace('\n', ' ') + "\n");
    }

    private void write(String line) {
        ByteBuffer bytes = ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8));
        try {
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The acknowledged writes of a ledger file: write number to value; empty when there is no file. */
    static Map<Long, Long> read(Path file) throws IOException {
        Map<Long, Long> acknowledged = new HashMap<>();
        if (!Files.exists(file)) {
            return acknowledged;
        }
        String text = Files.readString(file, StandardCharsets.UTF_8);
        int end = text.lastIndexOf('\n');
        if (end < 0) {
            return acknowledged;
        }
        for (String line : text.substring(0, end).split("\n")) {
            String[] parts = line.trim().split(" ");
            if (parts.length == 2 && !parts[0].isEmpty() && Character.isDigit(parts[0].charAt(0))) {
                acknowledged.put(Long.parseLong(parts[0]), Long.parseLong(parts[1]));
            }
        }
        return acknowledged;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
