package dev.agenthive.store.sqlite;

import dev.agenthive.api.error.StorageUnavailableException;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;

/**
 * Serialises schema migration between processes (and stores of one process) opening the same
 * database at once, which Flyway does not do on SQLite. The lock lives in a separate file next to
 * the database: locking the database file itself would interfere with SQLite's own POSIX locks.
 */
final class MigrationLock implements AutoCloseable {
    private final FileChannel channel;
    private final FileLock lock;

    private MigrationLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** Waits up to {@code timeout} for the lock of the database file. */
    static MigrationLock acquire(Path databaseFile, Duration timeout) {
        Path lockFile = databaseFile.resolveSibling(databaseFile.getFileName() + "-migration.lock");
        long deadline = System.nanoTime() + timeout.toNanos();
        FileChannel channel;
        try {
            channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new StorageUnavailableException("cannot open migration lock " + lockFile + ": " + e.getMessage(), e);
        }
        try {
            for (int attempt = 0; ; attempt++) {
                FileLock lock;
                try {
                    lock = channel.tryLock();
                } catch (OverlappingFileLockException e) {
                    lock = null;
                }
                if (lock != null) {
                    return new MigrationLock(channel, lock);
                }
                if (System.nanoTime() - deadline > 0) {
                    throw new StorageUnavailableException("another process kept migrating " + databaseFile
                            + " for more than " + timeout.toMillis() + " ms", null);
                }
                Backoff.pause(attempt);
            }
        } catch (IOException | RuntimeException e) {
            try {
                channel.close();
            } catch (IOException closeFailure) {
                e.addSuppressed(closeFailure);
            }
            if (e instanceof StorageUnavailableException unavailable) {
                throw unavailable;
            }
            throw new StorageUnavailableException("cannot lock " + lockFile + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            throw new StorageUnavailableException("cannot release the migration lock: " + e.getMessage(), e);
        }
    }
}
