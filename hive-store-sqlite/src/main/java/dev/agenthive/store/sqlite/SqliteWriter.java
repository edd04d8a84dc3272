package dev.agenthive.store.sqlite;

import dev.agenthive.api.error.StorageUnavailableException;
import dev.agenthive.store.jdbc.RetryableStorageException;
import dev.agenthive.store.jdbc.SavepointExecutor;
import dev.agenthive.store.jdbc.SqlExceptionTranslator;
import org.apache.ibatis.session.ExecutorType;
import org.apache.ibatis.session.SqlSession;
import org.apache.ibatis.session.SqlSessionFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * The one writer connection of the process, driven by one thread. Callers hand it work and block
 * until the work's transaction committed. The thread takes the first waiting operation and whatever
 * else queued up behind it (up to {@code max-batch}), runs them in one {@code BEGIN IMMEDIATE}
 * transaction, each in its own savepoint, and commits once: group commit. An operation that throws
 * is rolled back to its savepoint alone; the others still commit. A caller learns its outcome only
 * after COMMIT returned, so an acknowledged write is as durable as {@code synchronous} makes it.
 *
 * <p>When another process holds the database, the whole batch is rolled back and run again after a
 * jittered pause, until {@code write-retry-timeout}; only then do the callers get a
 * {@link StorageUnavailableException}. Work submitted from the writer thread itself (repository calls
 * inside {@code inTransaction}) runs inline, in a savepoint of the current operation.
 */
final class SqliteWriter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SqliteWriter.class);
    /**
     * Least time after a forced checkpoint that readers blocked before trying again, so that a
     * long-lived reader of another process cannot stall every commit for the busy timeout.
     */
    private static final long CHECKPOINT_BACKOFF_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final Connection connection;
    /**
     * The writer's one session, kept for the writer's lifetime: its REUSE executor keeps every
     * statement prepared across batches (MyBatis' local cache is per statement, so nothing stale
     * is served). Used by the writer thread only.
     */
    private final SqlSession session;
    private final SqlExceptionTranslator translator;
    private final SqliteStoreConfig config;
    private final Path walFile;
    private final String name;
    private final BlockingQueue<Operation<?>> queue = new LinkedBlockingQueue<>();
    private final Object submitLock = new Object();
    private final Thread thread;
    private final AtomicLong commits = new AtomicLong();
    private final AtomicLong operations = new AtomicLong();
    private final AtomicLong retries = new AtomicLong();
    private final AtomicLong checkpoints = new AtomicLong();

    private boolean closing; // guarded by submitLock
    private SqlSession current; // writer thread only: the session of the batch being run
    private long blockedCheckpointNanos; // writer thread only: when a forced checkpoint last found readers in the way
    private boolean checkpointBlocked; // writer thread only

    SqliteWriter(Connection connection, SqlSessionFactory sessions, SqlExceptionTranslator translator,
                 SqliteStoreConfig config, Path databaseFile) {
        this.connection = connection;
        this.session = sessions.openSession(ExecutorType.REUSE, connection);
        this.translator = translator;
        this.config = config;
        this.walFile = databaseFile.resolveSibling(databaseFile.getFileName() + "-wal");
        this.name = databaseFile.toString();
        this.thread = new Thread(this::loop, "hive-sqlite-writer");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /** Whether the calling thread is the writer thread. */
    boolean isWriterThread() {
        return Thread.currentThread() == thread;
    }

    /** Runs the work in the writer's transaction and returns its result once it committed. */
    <T> T write(Function<SqlSession, T> work) {
        if (isWriterThread()) {
            return SavepointExecutor.inSavepoint(requireCurrent(), translator, work);
        }
        Operation<T> operation = new Operation<>(work);
        synchronized (submitLock) {
            if (closing) {
                throw closed();
            }
            queue.add(operation);
        }
        return operation.await();
    }

    /** Runs read work on the writer's session; only for the writer thread (reads inside a transaction). */
    <T> T readInline(Function<SqlSession, T> work) {
        try {
            return work.apply(requireCurrent());
        } catch (RuntimeException e) {
            throw translator.translate(e);
        }
    }

    WriterStats stats() {
        return new WriterStats(commits.get(), operations.get(), retries.get(), checkpoints.get(), queue.size());
    }

    /**
     * Stops taking work, runs and commits everything already queued, checkpoints the WAL into the
     * database (truncating it) and closes the connection.
     */
    @Override
    public void close() {
        if (isWriterThread()) {
            throw new IllegalStateException("the store cannot be closed from inside a transaction");
        }
        synchronized (submitLock) {
            if (closing) {
                return;
            }
            closing = true;
            queue.add(Operation.STOP);
        }
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    static StorageUnavailableException closed() {
        return new StorageUnavailableException("store is closed", null);
    }

    private SqlSession requireCurrent() {
        if (current == null) {
            throw new IllegalStateException("no write transaction is running on the writer thread");
        }
        return current;
    }

    private void loop() {
        try {
            boolean stop = false;
            while (!stop) {
                List<Operation<?>> batch = new ArrayList<>();
                batch.add(takeUninterruptibly());
                queue.drainTo(batch, config.maxBatch() - 1);
                // STOP is queued last, so it can only be the last element of a batch.
                if (batch.get(batch.size() - 1) == Operation.STOP) {
                    batch.remove(batch.size() - 1);
                    stop = true;
                }
                if (!batch.isEmpty()) {
                    runBatch(batch);
                    boundWal();
                }
            }
            finalCheckpoint();
        } finally {
            // Should the loop ever die of a bug, later callers must fail fast instead of waiting forever.
            synchronized (submitLock) {
                closing = true;
            }
            failRemaining();
            closeConnection();
        }
    }

    private Operation<?> takeUninterruptibly() {
        while (true) {
            try {
                return queue.take();
            } catch (InterruptedException e) {
                // The writer is stopped only through STOP, so that queued work is never abandoned.
                LOG.debug("writer thread interrupted while idle; ignored");
            }
        }
    }

    private void runBatch(List<Operation<?>> batch) {
        long deadline = System.nanoTime() + config.writeRetryTimeout().toNanos();
        SqliteControlMapper control = session.getMapper(SqliteControlMapper.class);
        for (int attempt = 0; ; attempt++) {
            Outcome[] outcomes = new Outcome[batch.size()];
            try {
                try {
                    control.beginImmediate();
                    current = session;
                    for (int i = 0; i < batch.size(); i++) {
                        outcomes[i] = run(session, batch.get(i));
                    }
                    current = null;
                    control.commit();
                } catch (RuntimeException e) {
                    current = null;
                    rollbackQuietly(control);
                    throw translator.translate(e);
                }
                commits.incrementAndGet();
                operations.addAndGet(batch.size());
                for (int i = 0; i < batch.size(); i++) {
                    outcomes[i].complete(batch.get(i));
                }
                return;
            } catch (RetryableStorageException e) {
                if (System.nanoTime() - deadline > 0) {
                    failAll(batch, new StorageUnavailableException("database " + name + " stayed locked for more than "
                            + config.writeRetryTimeout().toMillis() + " ms", e));
                    return;
                }
                retries.incrementAndGet();
                Backoff.pause(attempt);
            } catch (RuntimeException | Error e) {
                failAll(batch, e instanceof StorageUnavailableException
                        ? e : new StorageUnavailableException("write transaction failed: " + e.getMessage(), e));
                return;
            }
        }
    }

    /**
     * Runs one operation in its own savepoint. Its own failure (bad input, a refused transition)
     * is its caller's alone. Lock contention aborts the batch for a retry, and a storage failure (full
     * disk, I/O error) aborts it for good: SQLite may have rolled the whole transaction back already,
     * and the operations after it must not run outside of it.
     */
    private Outcome run(SqlSession session, Operation<?> operation) {
        try {
            return Outcome.success(SavepointExecutor.inSavepoint(session, translator, operation.work));
        } catch (StorageUnavailableException e) {
            throw e;
        } catch (RuntimeException | Error e) {
            return Outcome.failure(e);
        }
    }

    private void rollbackQuietly(SqliteControlMapper control) {
        try {
            control.rollback();
        } catch (RuntimeException e) {
            // No transaction left to roll back (BEGIN failed, or SQLite rolled back on its own).
            LOG.trace("rollback after failure: {}", e.getMessage());
        }
    }

    /**
     * Keeps the WAL bounded. SQLite's auto-checkpoint copies pages back but cannot restart the log
     * while readers use it; when the file has grown past the limit anyway, a RESTART checkpoint
     * waits (up to the busy timeout) for those readers so that the next commit truncates the file.
     */
    private void boundWal() {
        long size;
        try {
            size = Files.size(walFile);
        } catch (NoSuchFileException e) {
            return;
        } catch (IOException e) {
            LOG.debug("cannot read the size of {}: {}", walFile, e.getMessage());
            return;
        }
        long now = System.nanoTime();
        if (size <= config.walSizeLimit()
                || (checkpointBlocked && now - blockedCheckpointNanos < CHECKPOINT_BACKOFF_NANOS)) {
            return;
        }
        try {
            SqliteControlMapper.CheckpointResult result = session.getMapper(SqliteControlMapper.class).checkpointRestart();
            checkpoints.incrementAndGet();
            checkpointBlocked = result.busy() != 0;
            blockedCheckpointNanos = now;
            LOG.debug("checkpoint of {} ({} bytes WAL): busy={} log={} checkpointed={}", walFile, size,
                    result.busy(), result.log(), result.checkpointed());
        } catch (RuntimeException e) {
            LOG.warn("checkpoint of {} failed: {}", walFile, e.getMessage());
        }
    }

    private void finalCheckpoint() {
        try {
            session.getMapper(SqliteControlMapper.class).checkpointTruncate();
        } catch (RuntimeException e) {
            LOG.warn("final checkpoint of {} failed: {}", walFile, e.getMessage());
        }
    }

    private void failRemaining() {
        List<Operation<?>> left = new ArrayList<>();
        queue.drainTo(left);
        left.remove(Operation.STOP);
        failAll(left, closed());
    }

    private void closeConnection() {
        try {
            session.close();
        } catch (RuntimeException e) {
            LOG.warn("closing the writer session of {} failed: {}", name, e.getMessage());
        }
        try {
            connection.close();
        } catch (SQLException e) {
            LOG.warn("closing the writer connection of {} failed: {}", name, e.getMessage());
        }
    }

    private static void failAll(List<Operation<?>> batch, Throwable failure) {
        for (Operation<?> operation : batch) {
            operation.future.completeExceptionally(failure);
        }
    }

    /** A caller's work and the future it waits on. */
    private static final class Operation<T> {
        static final Operation<Void> STOP = new Operation<>(session -> null);

        final Function<SqlSession, T> work;
        final CompletableFuture<Object> future = new CompletableFuture<>();

        Operation(Function<SqlSession, T> work) {
            this.work = work;
        }

        @SuppressWarnings("unchecked")
        T await() {
            boolean interrupted = false;
            try {
                while (true) {
                    try {
                        return (T) future.get();
                    } catch (InterruptedException e) {
                        // The work may already be committed; the caller must learn its real outcome.
                        interrupted = true;
                    } catch (ExecutionException e) {
                        Throwable cause = e.getCause();
                        if (cause instanceof RuntimeException runtime) {
                            runtime.addSuppressed(new CallerStack());
                            throw runtime;
                        }
                        if (cause instanceof Error error) {
                            throw error;
                        }
                        throw new StorageUnavailableException("write failed: " + cause, cause);
                    }
                }
            } finally {
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    /** The caller's stack, attached to exceptions raised on the writer thread. */
    private static final class CallerStack extends Exception {
        private static final long serialVersionUID = 1L;

        CallerStack() {
            super("caller of the write");
        }
    }

    /** The result of one operation, handed to its caller after the commit. */
    private record Outcome(Object value, Throwable failure) {
        static Outcome success(Object value) {
            return new Outcome(value, null);
        }

        static Outcome failure(Throwable failure) {
            return new Outcome(null, failure);
        }

        void complete(Operation<?> operation) {
            if (failure == null) {
                operation.future.complete(value);
            } else {
                operation.future.completeExceptionally(failure);
            }
        }
    }
}
