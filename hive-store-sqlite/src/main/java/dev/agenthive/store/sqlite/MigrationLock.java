package dev.agenthive.store.sqlite;

import dev.agenthive.api.error.StorageUnavailableException;
import dev.agenthive.store.jdbc.Retry;
import dev.agenthive.store.jdbc.RetryableStorageException;

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
        FileChannel channel;
        try {
            channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new StorageUnavailableException("cannot open migration lock " + lockFile + ": " + e.getMessage(), e);
        }
        try {
            FileLock lock = new Retry(timeout).run(attempt -> tryLock(channel, lockFile),
                    contention -> new StorageUnavailableException("another process kept migrating " + databaseFile
                            + " for more than " + timeout.toMillis() + " ms", contention));
            return new MigrationLock(channel, lock);
        } catch (RuntimeException e) {
            try {
                channel.close();
            } catch (IOException closeFailure) {
                e.addSuppressed(closeFailure);
            }
            throw e;
        }
    }

    /** The lock, or contention when another process (or store of this JVM) holds it. */
    private static FileLock tryLock(FileChannel channel, Path lockFile) {
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        } catch (IOException e) {
            throw new StorageUnavailableException("cannot lock " + lockFile + ": " + e.getMessage(), e);
        }
        if (lock == null) {
            throw new RetryableStorageException("another process is migrating", null);
        }
        return lock;
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
