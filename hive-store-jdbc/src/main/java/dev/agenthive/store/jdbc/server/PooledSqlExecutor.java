package dev.agenthive.store.jdbc.server;

import dev.agenthive.api.error.StorageUnavailableException;
import dev.agenthive.store.jdbc.Retry;
import dev.agenthive.store.jdbc.SqlExceptionTranslator;
import dev.agenthive.store.jdbc.SqlExecutor;
import dev.agenthive.store.jdbc.TransactionMapper;
import org.apache.ibatis.session.ExecutorType;
import org.apache.ibatis.session.SqlSession;
import org.apache.ibatis.session.SqlSessionFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;
import java.util.function.Function;

/**
 * Runs each unit of work in its own transaction on a pooled connection (auto-commit off, except for
 * a single-statement read, which needs no transaction), at the weakest isolation that keeps it
 * correct:
 * <ul>
 *   <li>writes: {@link TransactionMapper#isolateWrite()} (SERIALIZABLE). The shared repositories were
 *       written for SQLite's single writer, and serializable transactions give them the same guarantees
 *       under concurrent writers (a check-then-write can never interleave with another). The server may
 *       abort one of two conflicting transactions (a serialization failure or deadlock, which the
 *       dialect classifies as contention); the work then runs again from the start, through
 *       {@link Retry}.</li>
 *   <li>hot writes ({@link #writeWithRowLocks}: claims, task transitions, enqueue, inbox deliveries,
 *       shared-memory puts): the pool's READ COMMITTED, so they cost no SET TRANSACTION. They lock what
 *       they take with {@code SKIP LOCKED} and guard every update by the state they read, which is all
 *       their correctness needs; under SERIALIZABLE, concurrent consumers would abort each other on the
 *       queue index.</li>
 *   <li>reads: read-only, {@link TransactionMapper#isolateRead()} (REPEATABLE READ): one consistent
 *       snapshot without the predicate locks that would make every writer of a scanned table a
 *       candidate for a serialization failure.</li>
 *   <li>single-statement reads ({@link #readStatement}): auto-commit, one round trip in all; the
 *       statement is its own snapshot.</li>
 * </ul>
 * A dialect whose database wants other isolation levels replaces the two {@code TransactionMapper}
 * statements in an overlay. A lost connection is a {@link StorageUnavailableException}; the pool
 * replaces the connection for the next call.
 */
public final class PooledSqlExecutor implements SqlExecutor {
    private static final Logger LOG = LoggerFactory.getLogger(PooledSqlExecutor.class);

    private final DataSource pool;
    private final SqlSessionFactory sessions;
    private final SqlExceptionTranslator translator;
    private final Retry retry;
    private volatile boolean closed;

    /**
     * @param pool       hands out connections in READ COMMITTED with auto-commit off
     * @param sessions   the store's MyBatis sessions
     * @param translator the dialect's translation of driver failures
     * @param retry      how long contended transactions run again
     */
    public PooledSqlExecutor(DataSource pool, SqlSessionFactory sessions, SqlExceptionTranslator translator, Retry retry) {
        this.pool = Objects.requireNonNull(pool, "pool is null");
        this.sessions = Objects.requireNonNull(sessions, "sessions is null");
        this.translator = Objects.requireNonNull(translator, "translator is null");
        this.retry = Objects.requireNonNull(retry, "retry is null");
    }

    @Override
    public <T> T read(Function<SqlSession, T> work) {
        return run(work, Mode.READ);
    }

    @Override
    public <T> T readStatement(Function<SqlSession, T> work) {
        return run(work, Mode.STATEMENT);
    }

    @Override
    public <T> T write(Function<SqlSession, T> work) {
        return run(work, Mode.WRITE);
    }

    /**
     * READ COMMITTED: claimers and inbox readers skip each other's locked rows, and a row that changed
     * after the statement's snapshot is re-checked against the WHERE clause before it is locked, so
     * queue consumers never abort one another as they would under SERIALIZABLE.
     */
    @Override
    public <T> T writeWithRowLocks(Function<SqlSession, T> work) {
        return run(work, Mode.ROW_LOCKED_WRITE);
    }

    /** Refuses every later call; the pool itself is closed by its owner. */
    public void close() {
        closed = true;
    }

    private <T> T run(Function<SqlSession, T> work, Mode mode) {
        return retry.run(attempt -> {
            if (closed) {
                throw new StorageUnavailableException("store is closed", null);
            }
            if (attempt > 0) {
                LOG.trace("retrying a conflicted transaction (attempt {})", attempt + 1);
            }
            return once(work, mode);
        }, contention -> new StorageUnavailableException("transaction still conflicted with concurrent ones after "
                + retry.timeout().toMillis() + " ms of retries", contention));
    }

    private <T> T once(Function<SqlSession, T> work, Mode mode) {
        Connection connection;
        try {
            connection = pool.getConnection();
        } catch (SQLException e) {
            throw translator.translate(e);
        }
        try (connection) {
            // Read-only and auto-commit are flags of the driver, reset by the pool: no round trip.
            if (mode == Mode.READ) {
                connection.setReadOnly(true);
            } else if (mode == Mode.STATEMENT) {
                connection.setAutoCommit(true);
            }
            // REUSE: the statements of one unit are prepared once; drivers keep frequently used ones
            // server-side prepared on the pooled connection across units.
            try (SqlSession session = sessions.openSession(ExecutorType.REUSE, connection)) {
                // SET TRANSACTION costs one round trip (sent with BEGIN where the driver begins lazily);
                // changing the connection's isolation would cost two (set, then the pool's reset). The
                // hot modes run at the pool's READ COMMITTED and pay neither.
                if (mode == Mode.READ) {
                    session.getMapper(TransactionMapper.class).isolateRead();
                } else if (mode == Mode.WRITE) {
                    session.getMapper(TransactionMapper.class).isolateWrite();
                }
                T result = work.apply(session);
                if (mode != Mode.STATEMENT) {
                    connection.commit();
                }
                return result;
            } catch (RuntimeException e) {
                if (mode != Mode.STATEMENT) {
                    rollbackQuietly(connection);
                }
                throw translator.translate(e);
            } catch (Error e) {
                if (mode != Mode.STATEMENT) {
                    rollbackQuietly(connection);
                }
                throw e;
            }
        } catch (SQLException e) {
            throw translator.translate(e);
        }
    }

    private static void rollbackQuietly(Connection connection) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            // The connection is broken or closed: the server rolled the transaction back already.
            LOG.debug("rollback failed: {}", e.getMessage());
        }
    }

    /** How one unit of work runs. */
    private enum Mode {
        /** Read-only, REPEATABLE READ: one snapshot for the whole unit. */
        READ,
        /** One read-only statement in auto-commit: no transaction of its own. */
        STATEMENT,
        /** SERIALIZABLE. */
        WRITE,
        /** READ COMMITTED (the pool's default), for work that relies on row locks and guarded updates. */
        ROW_LOCKED_WRITE
    }
}
