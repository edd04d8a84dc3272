package dev.agenthive.store.sqlite;

import dev.agenthive.api.error.StorageUnavailableException;
import dev.agenthive.api.observe.StatementListener;
import dev.agenthive.api.observe.StatementScope;
import dev.agenthive.store.jdbc.Retry;
import dev.agenthive.store.jdbc.RetryableStorageException;
import dev.agenthive.store.jdbc.SavepointExecutor;
import dev.agenthive.store.jdbc.SqlExceptionTranslator;
import org.apache.ibatis.session.ExecutorType;
import org.apache.ibatis.session.SqlSession;
import org.apache.ibatis.session.SqlSessionFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConnection;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * The one writer connection of the process. Callers hand it work and block until the work's
 * transaction committed. There is no writer thread: the caller that finds the writer free becomes
 * its leader and runs, in one {@code BEGIN IMMEDIATE} transaction, the oldest waiting operations (up
 * to {@code max-batch}, its own among them), each in its own savepoint, and commits once: group
 * commit. The others wait for their outcome; when the leader is done with its own operation it hands
 * the writer to the oldest waiter, which runs everything that queued up meanwhile. A lone caller thus
 * runs its write on its own thread with no hand-over at all, and under load one hand-over serves a
 * whole batch. An operation that throws is rolled back to its savepoint alone; the others still
 * commit. A caller learns its outcome only after COMMIT returned, so an acknowledged write is as
 * durable as {@code synchronous} makes it.
 *
 * <p>Between processes the write turn passes through a {@link WriterFileLock}, so a process waiting
 * for another's transaction wakes as soon as it commits. When another process holds the database
 * anyway, the whole batch is rolled back and run again after a jittered pause, until
 * {@code write-retry-timeout}; only then do the callers get a {@link StorageUnavailableException}.
 * Work submitted from inside a running operation (repository calls inside {@code inTransaction}) runs
 * inline, in a savepoint of the current operation.
 *
 * <p>The statements an operation runs are told to its caller's {@link StatementScope}, captured when
 * the caller hands the work over, even when another caller's thread runs it; those of the batch
 * itself ({@code BEGIN IMMEDIATE}, {@code COMMIT}) to every operation of the batch, since each one
 * waited for them.
 */
final class SqliteWriter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SqliteWriter.class);
    /**
     * Least time after a forced checkpoint that readers blocked before trying again, so that a
     * long-lived reader of another process cannot stall every commit for the busy timeout.
     */
    private static final long CHECKPOINT_BACKOFF_NANOS = TimeUnit.SECONDS.toNanos(1);
    /** How long the WAL bound's RESTART checkpoint waits for readers: short reads end within it, a long one does not. */
    private static final int RESTART_WAIT_MILLIS = 200;

    private final Connection connection;
    /**
     * The writer's one session, kept for the writer's lifetime: its REUSE executor keeps every
     * statement prepared across batches (MyBatis' local cache is per statement, so nothing stale
     * is served). Used by the leader only.
     */
    private final SqlSession session;
    private final SqlExceptionTranslator translator;
    private final SqliteStoreConfig config;
    private final Retry retry;
    private final Path walFile;
    private final String name;
    private final WriterFileLock fileLock;
    /** Held by the leader while it runs batches; whoever holds it owns the connection. */
    private final ReentrantLock turn = new ReentrantLock();
    private final ConcurrentLinkedQueue<Operation<?>> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicLong commits = new AtomicLong();
    private final AtomicLong operations = new AtomicLong();
    private final AtomicLong retries = new AtomicLong();
    private final AtomicLong checkpoints = new AtomicLong();
    private final WriterMeters meters = new WriterMeters();
    private final StatementListener statements;

    private volatile boolean closing;
    /** The thread running operations right now, so that writes from inside them run inline. */
    private volatile Thread leader;
    private boolean closed; // guarded by turn
    private SqlSession current; // leader only: the session of the batch being run
    private long blockedCheckpointNanos; // leader only: when a forced checkpoint last found readers in the way
    private boolean checkpointBlocked; // leader only

    SqliteWriter(Connection connection, SqlSessionFactory sessions, SqlExceptionTranslator translator,
                 SqliteStoreConfig config, Path databaseFile, StatementListener statements) {
        this.statements = statements;
        this.connection = connection;
        this.session = sessions.openSession(ExecutorType.REUSE, connection);
        this.translator = translator;
        this.config = config;
        this.retry = new Retry(config.writeRetryTimeout());
        this.walFile = databaseFile.resolveSibling(databaseFile.getFileName() + "-wal");
        this.name = databaseFile.toString();
        this.fileLock = new WriterFileLock(databaseFile, config.writeRetryTimeout());
    }

    /** Whether the calling thread is running writer operations (so it is inside a transaction). */
    boolean isWriterThread() {
        return Thread.currentThread() == leader;
    }

    /** Runs the work in the writer's transaction and returns its result once it committed. */
    <T> T write(Function<SqlSession, T> work) {
        if (isWriterThread()) {
            return SavepointExecutor.inSavepoint(requireCurrent(), translator, work);
        }
        if (closing) {
            throw closed();
        }
        Operation<T> operation = new Operation<>(work, statements.current());
        queued.incrementAndGet();
        queue.add(operation);
        boolean interrupted = false;
        while (!operation.isDone()) {
            if (turn.tryLock()) {
                try {
                    lead(operation);
                } finally {
                    turn.unlock();
                }
                handOver();
            } else {
                LockSupport.park(this);
                // The outcome may already be committed: the caller must learn it, so keep waiting.
                interrupted |= Thread.interrupted();
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return operation.outcome();
    }

    /** Runs read work on the writer's session; only for the leader (reads inside a transaction). */
    <T> T readInline(Function<SqlSession, T> work) {
        try {
            return work.apply(requireCurrent());
        } catch (RuntimeException e) {
            throw translator.translate(e);
        }
    }

    WriterStats stats() {
        return new WriterStats(commits.get(), operations.get(), retries.get(), checkpoints.get(), queued.get());
    }

    WriterMeters meters() {
        return meters;
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
        closing = true;
        turn.lock();
        try {
            if (closed) {
                return;
            }
            List<Operation<?>> batch;
            while (!(batch = drain()).isEmpty()) {
                runBatch(batch);
            }
            finalCheckpoint();
            closed = true;
            closeConnection();
        } finally {
            turn.unlock();
        }
        // A write that slipped in after the last drain finds the writer closed when it takes its turn.
        handOver();
    }

    static StorageUnavailableException closed() {
        return new StorageUnavailableException("store is closed", null);
    }

    private SqlSession requireCurrent() {
        if (current == null) {
            throw new IllegalStateException("no write transaction is running on this thread");
        }
        return current;
    }

    /** Runs batches of the oldest operations until the leader's own one is done. */
    private void lead(Operation<?> own) {
        // The caller's interrupt must not cut other callers' work short; it is restored by write().
        boolean interrupted = Thread.interrupted();
        try {
            while (!own.isDone()) {
                List<Operation<?>> batch = drain();
                if (closed) {
                    failAll(batch, closed());
                    continue;
                }
                runBatch(batch);
                boundWal();
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private List<Operation<?>> drain() {
        List<Operation<?>> batch = new ArrayList<>();
        Operation<?> next;
        while (batch.size() < config.maxBatch() && (next = queue.poll()) != null) {
            batch.add(next);
        }
        queued.addAndGet(-batch.size());
        return batch;
    }

    /** Wakes the oldest waiting caller, so that it takes the writer for what queued up meanwhile. */
    private void handOver() {
        Operation<?> next = queue.peek();
        if (next != null) {
            LockSupport.unpark(next.caller);
        }
    }

    private void runBatch(List<Operation<?>> batch) {
        if (batch.isEmpty()) {
            return;
        }
        leader = Thread.currentThread();
        StatementScope leaderScope = statements.attach(new BatchScope(batch));
        try {
            Outcome[] outcomes = retry.run(attempt -> {
                if (attempt > 0) {
                    retries.incrementAndGet();
                }
                return commitOnce(batch);
            }, contention -> new StorageUnavailableException("database " + name + " stayed locked for more than "
                    + retry.timeout().toMillis() + " ms", contention));
            commits.incrementAndGet();
            operations.addAndGet(batch.size());
            meters.batched(batch.size());
            for (int i = 0; i < batch.size(); i++) {
                outcomes[i].complete(batch.get(i));
            }
        } catch (RuntimeException | Error e) {
            failAll(batch, e instanceof StorageUnavailableException
                    ? e : new StorageUnavailableException("write transaction failed: " + e.getMessage(), e));
        } finally {
            statements.attach(leaderScope);
            leader = null;
        }
    }

    /** One try of a batch: BEGIN IMMEDIATE, each operation in its savepoint, one COMMIT. */
    private Outcome[] commitOnce(List<Operation<?>> batch) {
        SqliteControlMapper control = session.getMapper(SqliteControlMapper.class);
        Outcome[] outcomes = new Outcome[batch.size()];
        long lockStart = System.nanoTime();
        boolean begun = false;
        boolean locked = fileLock.acquire();
        try {
            control.beginImmediate();
            meters.lockWaited(System.nanoTime() - lockStart);
            begun = true;
            current = session;
            for (int i = 0; i < batch.size(); i++) {
                outcomes[i] = run(session, batch.get(i));
            }
            current = null;
            long commitStart = System.nanoTime();
            control.commit();
            meters.committed(System.nanoTime() - commitStart);
            return outcomes;
        } catch (RuntimeException e) {
            if (!begun) {
                meters.lockWaited(System.nanoTime() - lockStart);
            }
            current = null;
            RuntimeException failure = translator.translate(e);
            if (!(failure instanceof RetryableStorageException)) {
                discardStatements();
            }
            rollbackQuietly(control);
            throw failure;
        } finally {
            if (locked) {
                fileLock.release();
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
        StatementScope batchScope = statements.attach(operation.scope);
        try {
            return Outcome.success(SavepointExecutor.inSavepoint(session, translator, operation.work));
        } catch (StorageUnavailableException e) {
            throw e;
        } catch (RuntimeException | Error e) {
            return Outcome.failure(e);
        } finally {
            statements.attach(batchScope);
        }
    }

    /**
     * Closes every statement the session keeps prepared, so that the next batch prepares them afresh.
     * After a storage failure (a full disk: SQLITE_FULL on COMMIT) sqlite-jdbc leaves the failed
     * statement unusable, and the session's REUSE executor would hand it out again: every later
     * COMMIT failed with "statement is not executing", and so did the ROLLBACK meant to end the
     * failed transaction, until the store was reopened.
     */
    private void discardStatements() {
        try {
            session.flushStatements();
        } catch (RuntimeException e) {
            LOG.trace("closing the prepared statements after a failure: {}", e.getMessage());
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
     * A RESTART checkpoint that waits for readers only briefly. A PASSIVE pass that copied every frame
     * does not mean no reader is left: one whose snapshot is the newest still pins the log, and RESTART
     * would wait the whole busy timeout for it while keeping every writer of the file out. Short reads
     * end within {@link #RESTART_WAIT_MILLIS} (so steady readers do not keep the WAL from restarting); a
     * long one makes RESTART answer busy after that, and the writer tries again after a later batch.
     */
    private SqliteControlMapper.CheckpointResult restartWaitingBriefly(SqliteControlMapper control) throws SQLException {
        SQLiteConnection connection = session.getConnection().unwrap(SQLiteConnection.class);
        int busyTimeout = connection.getBusyTimeout();
        connection.setBusyTimeout(Math.min(busyTimeout, RESTART_WAIT_MILLIS));
        try {
            return control.checkpointRestart();
        } finally {
            connection.setBusyTimeout(busyTimeout);
        }
    }

    /**
     * Keeps the WAL bounded. SQLite's auto-checkpoint copies pages back but cannot restart the log
     * while readers use it; when the file has grown past the limit anyway, a RESTART checkpoint
     * waits (up to the busy timeout) for those readers so that the next commit truncates the file.
     * A PASSIVE checkpoint goes first: it copies back what it can without waiting, and if it could
     * not copy every frame, a reader (of any process) still reads an older snapshot. A RESTART would
     * then wait the whole busy timeout for that reader, blocking every writer of every process on the
     * file meanwhile, and fail anyway; so the writer leaves it at that and tries again after its next
     * batch, when a short reader has moved on. The PASSIVE pass costs nothing extra when no reader is
     * in the way (it does the copying the RESTART would have done) and, while one is, copies only the
     * frames committed since the last batch.
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
            SqliteControlMapper control = session.getMapper(SqliteControlMapper.class);
            SqliteControlMapper.CheckpointResult passive = control.checkpointPassive();
            if (passive.busy() != 0 || passive.checkpointed() < passive.log()) {
                LOG.debug("checkpoint of {} ({} bytes WAL) held back by a reader: log={} checkpointed={}", walFile, size,
                        passive.log(), passive.checkpointed());
                return;
            }
            SqliteControlMapper.CheckpointResult result = restartWaitingBriefly(control);
            checkpoints.incrementAndGet();
            checkpointBlocked = result.busy() != 0;
            blockedCheckpointNanos = now;
            LOG.debug("checkpoint of {} ({} bytes WAL): busy={} log={} checkpointed={}", walFile, size,
                    result.busy(), result.log(), result.checkpointed());
        } catch (RuntimeException | SQLException e) {
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

    private void closeConnection() {
        fileLock.close();
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
        Outcome outcome = Outcome.failure(failure);
        for (Operation<?> operation : batch) {
            operation.finish(outcome);
        }
    }

    /**
     * A caller's work, its thread (woken when the writer is handed to it), the scope its statements are
     * told to (null when nobody watches the caller's operation) and its outcome.
     */
    private static final class Operation<T> {
        final Function<SqlSession, T> work;
        final Thread caller = Thread.currentThread();
        final StatementScope scope;
        private volatile Outcome outcome;
        /** Written before {@link #outcome}, read after it. */
        private Thread ranBy;

        Operation(Function<SqlSession, T> work, StatementScope scope) {
            this.work = work;
            this.scope = scope;
        }

        boolean isDone() {
            return outcome != null;
        }

        void finish(Outcome result) {
            ranBy = Thread.currentThread();
            outcome = result;
            LockSupport.unpark(caller);
        }

        @SuppressWarnings("unchecked")
        T outcome() {
            Throwable failure = outcome.failure();
            if (failure == null) {
                return (T) outcome.value();
            }
            if (failure instanceof RuntimeException runtime) {
                if (ranBy != caller) {
                    runtime.addSuppressed(new CallerStack());
                }
                throw runtime;
            }
            if (failure instanceof Error error) {
                throw error;
            }
            throw new StorageUnavailableException("write failed: " + failure, failure);
        }
    }

    /** The caller's stack, attached to exceptions raised on the leader's thread. */
    private static final class CallerStack extends Exception {
        private static final long serialVersionUID = 1L;

        CallerStack() {
            super("caller of the write");
        }
    }

    /**
     * Where the batch's own statements go: to the scope of every operation in it. Its callers are all
     * waiting for the batch, so only the leader's thread touches their scopes until it hands them
     * their outcomes.
     */
    private record BatchScope(List<Operation<?>> batch) implements StatementScope {
        @Override
        public void statement(String name) {
            for (Operation<?> operation : batch) {
                if (operation.scope != null) {
                    operation.scope.statement(name);
                }
            }
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
            operation.finish(this);
        }
    }
}
