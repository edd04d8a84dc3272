package dev.agenthive.store.postgres;

import dev.agenthive.api.error.HiveException;
import dev.agenthive.api.health.ComponentHealth;
import dev.agenthive.api.health.HealthStatus;
import dev.agenthive.api.notify.InProcessNotifier;
import dev.agenthive.api.notify.Notifier;
import dev.agenthive.store.jdbc.SqlExecutor;
import org.apache.ibatis.session.SqlSession;
import org.apache.ibatis.session.SqlSessionFactory;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link Notifier} over PostgreSQL LISTEN/NOTIFY. The schema's triggers notify channel
 * {@code hive} with the topic as payload when a commit queues a task ({@link Notifier#TASKS}) or
 * puts a message in an inbox ({@link Notifier#inbox}); {@link #signal} notifies any other topic.
 * One thread holds a dedicated connection (outside the pool) that LISTENs and blocks on its socket
 * until a notification arrives, so waiters in every process wake within milliseconds of the commit
 * and nobody polls. Sequences and waiting are an {@link InProcessNotifier}'s, so a signal between
 * reading the sequence and waiting is never missed.
 *
 * <p>The same connection listens on channel {@code hive_cache} for the store's
 * {@link PostgresChangeFeed}, which it tells when the LISTEN is in place, when it is lost, and what
 * arrives: one connection per process for both, rather than two.
 *
 * <p>If the listening connection breaks, the thread reconnects with backoff and then wakes every
 * waiter once, since notifications sent while it was away are lost (the change feed reports unknown
 * changes for the same reason). The same thread recalibrates the store's {@link ServerClock} now and
 * then.
 */
final class PostgresNotifier implements Notifier {
    private static final Logger LOG = LoggerFactory.getLogger(PostgresNotifier.class);
    /** How long the listener blocks on its socket before it checks whether the clock needs calibrating. */
    private static final int LISTEN_BLOCK_MILLIS = 10_000;
    private static final long CALIBRATE_EVERY_NANOS = TimeUnit.MINUTES.toNanos(1);
    private static final long MAX_RECONNECT_PAUSE_MILLIS = 5_000;

    private final DataSource listenSource;
    private final SqlSessionFactory sessions;
    private final SqlExecutor executor;
    private final ServerClock clock;
    private final PostgresChangeFeed changes;
    private final String location;
    /** Sequences and waiters of this process; the listener feeds it what other processes notify. */
    private final InProcessNotifier local = new InProcessNotifier();
    private final Thread thread;
    /** Opened once the first LISTEN is in place (or failed), so that a new store misses no commit. */
    private final CountDownLatch firstAttempt = new CountDownLatch(1);
    private volatile boolean closed;
    private volatile Connection listening;
    /** Times the LISTEN was back in place after it had failed. */
    private final AtomicLong reconnects = new AtomicLong();
    /** Failed attempts since the LISTEN was last in place. */
    private volatile int failuresInARow;
    private volatile String lastError;

    /**
     * Starts listening.
     *
     * @param listenSource opens the dedicated listening connection (auto-commit, outside the pool)
     * @param sessions     the store's MyBatis sessions
     * @param executor     the store's executor, for NOTIFY of topics the triggers do not cover
     * @param clock        the store's clock, recalibrated by the listener
     * @param changes      the store's change feed, fed from channel {@code hive_cache}
     * @param location     the store's location, without credentials, for {@link #health()}
     * @param startTimeout how long to wait for the first LISTEN before returning; the listener goes
     *                     on trying in the background if it is not in place by then
     */
    PostgresNotifier(DataSource listenSource, SqlSessionFactory sessions, SqlExecutor executor, ServerClock clock,
                     PostgresChangeFeed changes, String location, Duration startTimeout) {
        this.listenSource = listenSource;
        this.sessions = sessions;
        this.executor = executor;
        this.clock = clock;
        this.changes = changes;
        this.location = location;
        this.thread = new Thread(this::listen, "hive-postgresql-listener");
        this.thread.setDaemon(true);
        this.thread.start();
        try {
            if (!firstAttempt.await(startTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("not yet listening for notifications after {} ms; waiters re-check periodically until it is",
                        startTimeout.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public long sequence(String topic) {
        return local.sequence(topic);
    }

    @Override
    public boolean await(String topic, long seenSequence, Duration timeout) throws InterruptedException {
        return local.await(topic, seenSequence, timeout);
    }

    /**
     * Wakes this process's waiters at once and, for topics the schema's triggers do not already
     * notify at commit, the waiters of other processes through NOTIFY. A failed NOTIFY is logged,
     * not thrown: the caller's own write has committed, and other processes re-check periodically.
     */
    @Override
    public void signal(String topic) {
        signal(topic, 1);
    }

    /**
     * Like {@link #signal(String)} for several units: this process's waiters get one wake-up per
     * unit, other processes one NOTIFY (each of them wakes one waiter per notification it receives).
     */
    @Override
    public void signal(String topic, int units) {
        if (units <= 0) {
            return;
        }
        local.signal(topic, units);
        if (topic.equals(TASKS) || topic.startsWith(Notifier.inbox(""))) {
            return;
        }
        try {
            // NOTIFY reads and writes no table: the pool's READ COMMITTED, without a SET TRANSACTION.
            executor.writeWithRowLocks(session -> {
                session.getMapper(PostgresControlMapper.class).notify(topic);
                return null;
            });
        } catch (HiveException e) {
            LOG.warn("NOTIFY of topic {} failed; other processes learn of it when they re-check: {}", topic,
                    e.getMessage());
        }
    }

    /** Stops listening, closes the listening connection and returns every waiter at once. */
    @Override
    public void close() {
        closed = true;
        Connection connection = listening;
        if (connection != null) {
            try {
                // Abort, not close: the listener thread may be blocked reading this connection's socket.
                connection.abort(Runnable::run);
            } catch (SQLException e) {
                LOG.debug("aborting the listening connection failed: {}", e.getMessage());
            }
        }
        thread.interrupt();
        boolean interrupted = false;
        try {
            thread.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            interrupted = true;
        }
        local.close();
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Times listening resumed on a new connection after the previous one was lost, since the store opened. */
    long reconnects() {
        return reconnects.get();
    }

    /**
     * Up while the LISTEN connection is in place; degraded while it is being (re)connected, when
     * other processes' work is found only by the waiters' periodic rechecks; down once closed. The
     * details count the reconnections and the failed attempts since the last success; the last error
     * is the last reason the connection failed, even if it is back.
     */
    @Override
    public ComponentHealth health() {
        boolean live = listening();
        Map<String, String> details = new LinkedHashMap<>();
        details.put("channels", "hive, " + PostgresChangeFeed.CHANNEL);
        details.put("listening", String.valueOf(live));
        details.put("reconnects", String.valueOf(reconnects.get()));
        details.put("failures_in_a_row", String.valueOf(failuresInARow));
        HealthStatus status = closed ? HealthStatus.DOWN : live ? HealthStatus.UP : HealthStatus.DEGRADED;
        return new ComponentHealth(status, "postgresql-listen", location, details, lastError);
    }

    /** Whether the listener currently holds a live LISTEN connection. */
    boolean listening() {
        return listening != null;
    }

    private void listen() {
        int failures = 0;
        while (!closed) {
            try (Connection connection = listenSource.getConnection();
                 SqlSession session = sessions.openSession(connection)) {
                PostgresControlMapper control = session.getMapper(PostgresControlMapper.class);
                control.listen();
                control.listenForCacheChanges();
                // Counted before the LISTEN shows as in place, so that health never shows it live with stale counts.
                failuresInARow = 0;
                if (failures > 0) {
                    reconnects.incrementAndGet();
                }
                listening = connection;
                changes.listening();
                firstAttempt.countDown();
                if (closed) {
                    return;
                }
                if (failures > 0) {
                    LOG.info("listening for notifications again");
                    // Whatever was notified while the connection was down is lost: let every waiter re-check.
                    local.signalAll();
                }
                failures = 0;
                PGConnection pg = connection.unwrap(PGConnection.class);
                long calibrated = System.nanoTime();
                while (!closed) {
                    PGNotification[] notifications = pg.getNotifications(LISTEN_BLOCK_MILLIS);
                    if (notifications != null) {
                        for (PGNotification notification : notifications) {
                            if (notification.getName().equals(PostgresChangeFeed.CHANNEL)) {
                                changes.received(notification.getParameter());
                            } else {
                                local.signalIfWatched(notification.getParameter());
                            }
                        }
                    }
                    if (System.nanoTime() - calibrated > CALIBRATE_EVERY_NANOS) {
                        clock.calibrate(control::clockTimestamp);
                        calibrated = System.nanoTime();
                    }
                }
            } catch (SQLException | RuntimeException e) {
                listening = null;
                // At once, not after the pause below: from now on nothing is heard.
                changes.lost();
                if (closed) {
                    return;
                }
                failures++;
                failuresInARow = failures;
                lastError = String.valueOf(e.getMessage());
                firstAttempt.countDown();
                LOG.warn("listening for notifications failed ({}); reconnecting", e.getMessage());
                long pause = Math.min(MAX_RECONNECT_PAUSE_MILLIS, 100L << Math.min(failures, 10));
                try {
                    Thread.sleep(pause);
                } catch (InterruptedException interrupted) {
                    if (closed) {
                        return;
                    }
                }
            } finally {
                listening = null;
                changes.lost();
            }
        }
    }
}
