package dev.agenthive.store.sqlite;

import dev.agenthive.api.error.StorageUnavailableException;
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
 * statements of one read see one snapshot while the writer goes on (WAL readers never block it).
 * Connections are opened lazily up to the pool size. A read that meets a lock (WAL recovery, a
 * checkpoint of another process) is retried with jitter like a write.
 */
final class SqliteReadPool implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SqliteReadPool.class);

    private final SqliteConnections connections;
    private final SqlSessionFactory sessions;
    private final SqlExceptionTranslator translator;
    private final SqliteStoreConfig config;
    private final Semaphore permits;
    private final ConcurrentLinkedQueue<Connection> idle = new ConcurrentLinkedQueue<>();
    private volatile boolean closed;

    SqliteReadPool(SqliteConnections connections, SqlSessionFactory sessions, SqlExceptionTranslator translator,
                   SqliteStoreConfig config) {
        this.connections = connections;
        this.sessions = sessions;
        this.translator = translator;
        this.config = config;
        this.permits = new Semaphore(config.readPoolSize(), true);
    }

    <T> T read(Function<SqlSession, T> work) {
        if (closed) {
            throw SqliteWriter.closed();
        }
        try {
            permits.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StorageUnavailableException("interrupted while waiting for a read connection", e);
        }
        Connection connection = null;
        boolean healthy = false;
        try {
            connection = borrow();
            T result = readWithRetry(connection, work);
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

    @Override
    public void close() {
        closed = true;
        Connection connection;
        while ((connection = idle.poll()) != null) {
            closeQuietly(connection);
        }
    }

    private <T> T readWithRetry(Connection connection, Function<SqlSession, T> work) {
        long deadline = System.nanoTime() + config.writeRetryTimeout().toNanos();
        for (int attempt = 0; ; attempt++) {
            try (SqlSession session = sessions.openSession(ExecutorType.SIMPLE, connection)) {
                SqliteControlMapper control = session.getMapper(SqliteControlMapper.class);
                try {
                    control.beginDeferred();
                    T result = work.apply(session);
                    control.commit();
                    return result;
                } catch (RuntimeException e) {
                    try {
                        control.rollback();
                    } catch (RuntimeException rollbackFailure) {
                        LOG.trace("read rollback: {}", rollbackFailure.getMessage());
                    }
                    throw translator.translate(e);
                }
            } catch (RetryableStorageException e) {
                if (System.nanoTime() - deadline > 0) {
                    throw new StorageUnavailableException("database stayed locked for more than "
                            + config.writeRetryTimeout().toMillis() + " ms", e);
                }
                Backoff.pause(attempt);
            }
        }
    }

    private Connection borrow() {
        Connection connection = idle.poll();
        if (connection != null) {
            return connection;
        }
        Connection opened = connections.open();
        try (SqlSession session = sessions.openSession(ExecutorType.SIMPLE, opened)) {
            // A read connection can never write, whatever a caller's work tries.
            session.getMapper(SqliteControlMapper.class).queryOnly();
        } catch (RuntimeException e) {
            closeQuietly(opened);
            throw translator.translate(e);
        }
        return opened;
    }

    private void giveBack(Connection connection, boolean healthy) {
        if (connection == null) {
            return;
        }
        if (closed || !healthy) {
            closeQuietly(connection);
            return;
        }
        idle.add(connection);
        if (closed && idle.remove(connection)) {
            closeQuietly(connection);
        }
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException e) {
            LOG.debug("closing a read connection failed: {}", e.getMessage());
        }
    }
}
