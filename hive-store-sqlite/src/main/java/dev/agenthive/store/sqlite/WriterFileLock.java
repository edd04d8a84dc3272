package dev.agenthive.store.sqlite;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Hands the database's write turn from process to process without sleeping. The writer of each
 * process takes an OS lock on a file next to the database before {@code BEGIN IMMEDIATE} and lets
 * it go after {@code COMMIT}; a process that finds it taken blocks in the kernel and wakes the moment
 * the holder lets go. Without it, SQLite's busy handler polls the write lock with sleeps of 1, 2, 5,
 * 10 ... ms, so every hand-over between processes costs milliseconds.
 *
 * <p>The lock is an optimisation, never the guard: SQLite's own locking still decides, so a process
 * that does not take this lock (an older version, the sqlite3 shell) stays correct, only slower. When
 * the lock cannot be had (the file cannot be opened, another store of this JVM holds it, the wait
 * passes the timeout), {@link #acquire} says so and the writer goes ahead on SQLite's busy handling.
 * A waiter is woken after the timeout by interrupting it, which closes the channel; it is opened
 * again for the next turn.
 */
final class WriterFileLock implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WriterFileLock.class);

    private final Path file;
    private final Duration timeout;
    /** Wakes a writer whose wait for the lock passed the timeout; one daemon thread, started on first need. */
    private ScheduledExecutorService watchdog; // writer turn only
    private FileChannel channel; // writer turn only
    private FileLock held; // writer turn only

    WriterFileLock(Path databaseFile, Duration timeout) {
        this.file = databaseFile.resolveSibling(databaseFile.getFileName() + "-writer.lock");
        this.timeout = timeout;
    }

    /**
     * Waits up to the timeout for the write turn of this process.
     *
     * @return whether the lock is now held; {@code false} leaves the wait to SQLite
     */
    boolean acquire() {
        if (held != null) {
            throw new IllegalStateException("the writer lock is already held");
        }
        FileChannel open = channel();
        if (open == null) {
            return false;
        }
        try {
            held = open.tryLock();
            if (held == null) {
                held = lockWithTimeout(open);
            }
            return held != null;
        } catch (OverlappingFileLockException e) {
            // Another store of this JVM on the same file holds it; the JVM refuses to block on itself.
            return false;
        } catch (IOException e) {
            LOG.debug("cannot lock {}: {}", file, e.getMessage());
            closeChannel();
            return false;
        }
    }

    /** Lets the next process's writer go. */
    void release() {
        if (held == null) {
            return;
        }
        try {
            held.release();
        } catch (ClosedChannelException e) {
            // Closing the channel released the lock already.
            channel = null;
        } catch (IOException e) {
            LOG.warn("cannot release {}: {}", file, e.getMessage());
            closeChannel();
        } finally {
            held = null;
        }
    }

    @Override
    public void close() {
        release();
        closeChannel();
        if (watchdog != null) {
            watchdog.shutdownNow();
        }
    }

    private FileLock lockWithTimeout(FileChannel open) throws IOException {
        Thread waiter = Thread.currentThread();
        // The caller's own interrupt would close the channel in the middle of the wait; keep it for later.
        boolean interrupted = Thread.interrupted();
        ScheduledFuture<?> wakeUp = watchdog().schedule(waiter::interrupt, timeout.toNanos(), TimeUnit.NANOSECONDS);
        try {
            return open.lock();
        } catch (ClosedChannelException e) {
            LOG.debug("waited more than {} ms for {}", timeout.toMillis(), file);
            channel = null;
            return null;
        } finally {
            if (!wakeUp.cancel(false)) {
                // The wake-up ran or is running: let it finish, so that its interrupt lands before we clear it.
                while (!wakeUp.isDone()) {
                    Thread.onSpinWait();
                }
            }
            boolean lateWakeUp = Thread.interrupted();
            if (lateWakeUp && channel != null && !channel.isOpen()) {
                channel = null;
            }
            if (interrupted) {
                waiter.interrupt();
            }
        }
    }

    private FileChannel channel() {
        if (channel == null || !channel.isOpen()) {
            try {
                channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            } catch (IOException e) {
                LOG.debug("cannot open {}: {}", file, e.getMessage());
                channel = null;
            }
        }
        return channel;
    }

    private ScheduledExecutorService watchdog() {
        if (watchdog == null) {
            watchdog = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "hive-sqlite-writer-lock-watchdog");
                thread.setDaemon(true);
                return thread;
            });
        }
        return watchdog;
    }

    private void closeChannel() {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                LOG.debug("closing {} failed: {}", file, e.getMessage());
            }
            channel = null;
        }
    }
}
