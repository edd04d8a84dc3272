package dev.agenthive.store.sqlite;

import dev.agenthive.api.error.StorageUnavailableException;
import dev.agenthive.store.jdbc.Retry;
import dev.agenthive.store.jdbc.RetryableStorageException;
import dev.agenthive.store.jdbc.SqlExceptionTranslator;
import org.apache.ibatis.session.ExecutorType;
import org.apache.ibatis.session.SqlSession;
import org.apache.ibatis.session.SqlSessionFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.function.Function;

/**
 * A small pool of query-only connections. Each read runs in its own deferred transaction, so the
 * statements of one read see one snapshot while the writer goes on (WAL readers never block it); a
 * read of one statement runs in auto-commit instead, where SQLite gives the statement a snapshot of
 * its own, which saves the BEGIN and the COMMIT.
 * Connections are opened lazily up to the pool size. A read that meets a lock (WAL recovery, a
 * checkpoint of another process) is retried with jitter like a write.
 */
final class SqliteReadPool implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SqliteReadPool.class);

    private final SqliteConnections connections;
    private final SqlSessionFactory sessions;
    private final SqlExceptionTranslator translator;
    private final Retry retry;
    private final Semaphore permits;
    private final ConcurrentLinkedQueue<ReadConnection> idle = new ConcurrentLinkedQueue<>();
    private volatile boolean closed;

    SqliteReadPool(SqliteConnections connections, SqlSessionFactory sessions, SqlExceptionTranslator translator,
                   SqliteStoreConfig config) {
        this.connections = connections;
        this.sessions = sessions;
        this.translator = translator;
        this.retry = new Retry(config.writeRetryTimeout());
        // Not fair: a reader that finds a permit free takes it instead of queueing behind a parked one.
        this.permits = new Semaphore(config.readPoolSize());
    }

    <T> T read(Function<SqlSession, T> work) {
        return read(work, true);
    }

    /** Runs work that executes exactly one statement, without a transaction of its own. */
    <T> T readStatement(Function<SqlSession, T> work) {
        return read(work, false);
    }

    private <T> T read(Function<SqlSession, T> work, boolean transaction) {
        if (closed) {
            throw SqliteWriter.closed();
        }
        try {
            permits.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StorageUnavailableException("interrupted while waiting for a read connection", e);
        }
        ReadConnection connection = null;
        boolean healthy = false;
        try {
            connection = borrow();
            T result = readWithRetry(connection, work, transaction);
            healthy = true;
            return result;
        } catch (RuntimeException e) {
            healthy = !(e instanceof StorageUnavailableException) || e instanceof RetryableStorageException;
            throw e;
        } finally {
            giveBack(connection, healthy);
            permits.release();
        }
    }

    /** Reads run again after the database was locked, since the pool was made. */
    long retries() {
        return retry.retries();
    }

    @Override
    public void close() {
        closed = true;
        ReadConnection connection;
        while ((connection = idle.poll()) != null) {
            connection.close();
        }
    }

    private <T> T readWithRetry(ReadConnection connection, Function<SqlSession, T> work, boolean transaction) {
        SqlSession session = connection.session();
        SqliteControlMapper control = session.getMapper(SqliteControlMapper.class);
        return retry.run(attempt -> {
            try {
                if (transaction) {
                    control.beginDeferred();
                }
                T result = work.apply(session);
                if (transaction) {
                    control.commit();
                }
                return result;
            } catch (RuntimeException e) {
                if (transaction) {
                    try {
                        control.rollback();
                    } catch (RuntimeException rollbackFailure) {
                        LOG.trace("read rollback: {}", rollbackFailure.getMessage());
                    }
                }
                throw translator.translate(e);
            }
        }, contention -> new StorageUnavailableException("database stayed locked for more than "
                + retry.timeout().toMillis() + " ms", contention));
    }

    private ReadConnection borrow() {
        ReadConnection connection = idle.poll();
        if (connection != null) {
            return connection;
        }
        Connection opened = connections.open();
        // REUSE keeps the connection's statements prepared for as long as it stays in the pool.
        ReadConnection created = new ReadConnection(opened, sessions.openSession(ExecutorType.REUSE, opened));
        try {
            // A read connection can never write, whatever a caller's work tries.
            created.session().getMapper(SqliteControlMapper.class).queryOnly();
        } catch (RuntimeException e) {
            created.close();
            throw translator.translate(e);
        }
        return created;
    }

    private void giveBack(ReadConnection connection, boolean healthy) {
        if (connection == null) {
            return;
        }
        if (closed || !healthy) {
            connection.close();
            return;
        }
        idle.add(connection);
        if (closed && idle.remove(connection)) {
            connection.close();
        }
    }

    /** A pooled read connection with the session that keeps its statements prepared. */
    private record ReadConnection(Connection connection, SqlSession session) {
        void close() {
            try {
                session.close();
            } catch (RuntimeException e) {
                LOG.debug("closing a read session failed: {}", e.getMessage());
            }
            try {
                connection.close();
            } catch (SQLException e) {
                LOG.debug("closing a read connection failed: {}", e.getMessage());
            }
        }
    }
}
