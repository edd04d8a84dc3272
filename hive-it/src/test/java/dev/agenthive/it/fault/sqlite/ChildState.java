package dev.agenthive.it.fault.sqlite;

import java.io.IOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * What a writer child is doing, in a small file both the child and the parent map into memory. The
 * child's stores land in the shared page at once and survive its SIGKILL, so the parent can wait for
 * a phase before it kills (a checkpoint under way) and read, after the kill, what the child was doing
 * when it died.
 */
final class ChildState implements AutoCloseable {
    static final byte STARTED = 1;
    static final byte OPENING = 2;
    static final byte WRITING = 3;

    private static final int PHASE = 0;
    private static final int CHECKPOINTING = 1;

    private final FileChannel channel;
    private final MappedByteBuffer page;

    private ChildState(FileChannel channel, MappedByteBuffer page) {
        this.channel = channel;
        this.page = page;
    }

    static ChildState map(Path file) throws IOException {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        return new ChildState(channel, channel.map(FileChannel.MapMode.READ_WRITE, 0, 64));
    }

    void phase(byte phase) {
        page.put(PHASE, phase);
    }

    byte phase() {
        return page.get(PHASE);
    }

    void checkpointing(boolean running) {
        page.put(CHECKPOINTING, running ? (byte) 1 : (byte) 0);
    }

    boolean checkpointing() {
        return page.get(CHECKPOINTING) == 1;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
