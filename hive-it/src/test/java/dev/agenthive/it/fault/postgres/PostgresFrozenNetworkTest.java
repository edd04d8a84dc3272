package dev.agenthive.it.fault.postgres;

import dev.agenthive.api.agent.AgentRegistration;
import dev.agenthive.api.error.StorageUnavailableException;
import dev.agenthive.api.health.HealthStatus;
import dev.agenthive.api.health.HiveHealth;
import dev.agenthive.api.json.Json;
import dev.agenthive.api.message.NewMessage;
import dev.agenthive.api.task.NewTask;
import dev.agenthive.api.task.Task;
import dev.agenthive.api.task.TaskStatus;
import dev.agenthive.core.Hive;
import dev.agenthive.core.config.HiveConfig;
import dev.agenthive.it.fault.Scale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * A frozen network between a hive and its PostgreSQL server ({@link FaultProxy} stops forwarding
 * and closes nothing). Each freeze strikes inside a claim's transaction, after its
 * {@code UPDATE ... FOR UPDATE SKIP LOCKED} locked a task, and the listening connection's backend
 * is ended meanwhile (as a server-side keepalive would end it). While frozen, a claim, a complete,
 * an enqueue, a shared-memory write and an inbox read each fail with a
 * {@link StorageUnavailableException} within a bound (each runs under a hard deadline, so a call
 * without a socket timeout fails the test instead of hanging it). The server ends the frozen
 * transaction by itself ({@code hive.postgresql.idle-in-transaction-timeout}) and its locks go
 * while the network is still frozen. After the thaw calls work again, the task the frozen claim
 * locked is claimed, and a claim waiting for work is woken by a task another process enqueues,
 * which only the notifier's reconnected LISTEN can tell it (the waiter's recheck interval is far
 * longer than its wait).
 */
class PostgresFrozenNetworkTest {
    private static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration IDLE_IN_TRANSACTION_TIMEOUT = Duration.ofSeconds(3);
    /** A call during a freeze must return within this, on a loaded machine: timeouts plus a wide margin. */
    private static final Duration CALL_BOUND = Duration.ofSeconds(30);
    /** How long the server may take, past its idle timeout, to end the frozen transaction. */
    private static final Duration LOCKS_BOUND = IDLE_IN_TRANSACTION_TIMEOUT.plusSeconds(15);
    private static final Duration WAKE_WAIT = Duration.ofSeconds(20);
    private static final Duration WAITER_SETTLES = Duration.ofSeconds(2);
    private static final Duration LEASE = Duration.ofMinutes(10);

    @TempDir
    static Path dir;
    private static OwnPostgres server;

    @BeforeAll
    static void startServer() throws Exception {
        server = OwnPostgres.start(dir);
    }

    @AfterAll
    static void stopServer() throws Exception {
        server.close();
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void everyCallFailsInTimeNoLockOutlivesTheFreezeAndTheNotifierComesBack() throws Exception {
        int freezes = Scale.pick(2, 5);
        ExecutorService calls = Executors.newCachedThreadPool(work -> {
            Thread thread = new Thread(work, "frozen-network-call");
            thread.setDaemon(true);
            return thread;
        });
        FaultProxy proxy = FaultProxy.start(server.port());
        try (Hive direct = open(server.storeUrl());
             Hive hive = open(OwnPostgres.storeUrl(proxy.port()));
             Connection admin = server.connect(OwnPostgres.DATABASE)) {
            String agent = "frozen-" + UUID.randomUUID();
            hive.agents().register(AgentRegistration.of(agent, "worker", Set.of(agent)));
            int callsDuringFreeze = 0;
            long maxCallMillis = 0;
            int locksAfter = 0;
            for (int freeze = 1; freeze <= freezes; freeze++) {
                Task held = claim(hive, agent, enqueue(direct, agent, "held " + freeze));
                String locked = enqueue(direct, agent, "locked " + freeze);
                String key = "k" + freeze;

                proxy.freezeInNextTransaction();
                Future<Long> frozenClaim = timed(calls, () -> hive.tasks().claim(agent, 1, LEASE, Duration.ZERO));
                awaitFrozen(proxy);
                assertThat(locksOfIdleTransactions(admin)).as("freeze %d struck a transaction holding locks", freeze)
                        .isPositive();
                assertThat(terminateListeners(admin)).as("listening connections ended during freeze %d", freeze)
                        .isPositive();

                Map<String, Future<Long>> during = new LinkedHashMap<>();
                during.put("claim in its transaction", frozenClaim);
                during.put("claim", timed(calls, () -> hive.tasks().claim(agent, 1, LEASE, Duration.ZERO)));
                during.put("complete", timed(calls, () -> hive.tasks().complete(held.id(), held.leaseToken(), Json.of("{}"))));
                during.put("enqueue", timed(calls, () -> hive.tasks().enqueue(NewTask.builder("frozen").build())));
                during.put("shared-memory put", timed(calls, () -> hive.sharedMemory().put("frozen", key, Json.of("1"))));
                during.put("inbox", timed(calls, () -> hive.messages().inbox(agent, 1, Duration.ZERO)));
                for (Map.Entry<String, Future<Long>> call : during.entrySet()) {
                    maxCallMillis = Math.max(maxCallMillis, failedWithin(call.getKey(), call.getValue()));
                    callsDuringFreeze++;
                }

                // The network is still frozen: only the server can end the frozen transaction.
                locksAfter = awaitNoLocks(admin);
                assertThat(locksAfter).as("locks of idle transactions %s after freeze %d struck", LOCKS_BOUND, freeze)
                        .isZero();
                assertThat(proxy.frozen()).isTrue();
                proxy.thaw();

                assertThat(hive.tasks().complete(held.id(), held.leaseToken(), Json.of("{}")).status())
                        .isEqualTo(TaskStatus.COMPLETED);
                assertThat(claim(hive, agent, locked).id()).as("the task the frozen claim locked").isEqualTo(locked);
                hive.sharedMemory().put("frozen", key, Json.of("2"));
                direct.messages().send(NewMessage.direct(agent, agent, "after", Json.of("{}")));
                assertThat(hive.messages().inbox(agent, 1, Duration.ZERO)).hasSize(1);
                assertThat(locksOfIdleTransactions(admin)).isZero();

                awaitListening(hive);
                Future<List<Task>> waiting = calls.submit(() -> hive.tasks().claim(agent, 1, LEASE, WAKE_WAIT));
                // The waiter's first look, which finds nothing, comes before the task: else it would
                // find the task without any notification.
                Thread.sleep(WAITER_SETTLES.toMillis());
                assertThat(waiting).isNotDone();
                String woken = enqueue(direct, agent, "wakes " + freeze);
                List<Task> claimed = waiting.get(WAKE_WAIT.plusSeconds(30).toSeconds(), TimeUnit.SECONDS);
                assertThat(claimed).as("a waiter woken after freeze %d by a task enqueued by another process", freeze)
                        .extracting(Task::id).containsExactly(woken);
            }
            Scale.report("pg-frozen-network freezes=" + freezes + " calls_during_freeze="
                    + callsDuringFreeze + " max_call_ms=" + maxCallMillis + " locks_after=" + locksAfter
                    + " notifier_recovered=true");
        } finally {
            // Cuts every connection, so that a call stuck on a frozen one ends too.
            proxy.close();
            calls.shutdownNow();
        }
    }

    private static Hive open(String url) {
        // Isolated: nothing of the environment (HIVE_* variables, hive.* properties) changes these timings.
        return Hive.open(HiveConfig.builder()
                .isolated()
                .storageUrl(url)
                .set(HiveConfig.CACHE_URL, HiveConfig.NO_CACHE)
                .set(HiveConfig.BLOB_URL, HiveConfig.STORE_BLOBS)
                // Only a notification may wake a waiter within its wait.
                .set(HiveConfig.WAIT_RECHECK_INTERVAL, "1h")
                .set(HiveConfig.MAINTENANCE_INTERVAL, "1h")
                .set("hive.postgresql.connect-timeout", CONNECT_TIMEOUT.toSeconds() + "s")
                .set("hive.postgresql.socket-timeout", SOCKET_TIMEOUT.toSeconds() + "s")
                .set("hive.postgresql.retry-timeout", "1s")
                .set("hive.postgresql.idle-in-transaction-timeout", IDLE_IN_TRANSACTION_TIMEOUT.toSeconds() + "s")
                .build());
    }

    private static String enqueue(Hive hive, String agent, String title) {
        return hive.tasks().enqueue(NewTask.builder(title).requiredCapabilities(Set.of(agent)).build()).id();
    }

    /** Claims for {@code agent} (whose capability only its own tasks require) and expects {@code expected}. */
    private static Task claim(Hive hive, String agent, String expected) throws InterruptedException {
        List<Task> claimed = hive.tasks().claim(agent, 1, LEASE, Duration.ZERO);
        assertThat(claimed).extracting(Task::id).containsExactly(expected);
        return claimed.get(0);
    }

    /** Runs {@code call} and hands back how long it took, or its failure. */
    private static Future<Long> timed(ExecutorService calls, Callable<?> call) {
        return calls.submit(() -> {
            long start = System.nanoTime();
            try {
                call.call();
            } catch (Exception e) {
                throw new TimedFailure(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start), e);
            }
            throw new AssertionError("succeeded through a frozen network");
        });
    }

    /** Asserts the call failed with a {@link StorageUnavailableException} within {@link #CALL_BOUND}; its duration. */
    private static long failedWithin(String name, Future<Long> call) throws InterruptedException {
        try {
            call.get(CALL_BOUND.toSeconds(), TimeUnit.SECONDS);
            return fail("unreachable");
        } catch (TimeoutException e) {
            return fail(name + " still waiting " + CALL_BOUND + " into a freeze: no timeout ends it");
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TimedFailure failure)) {
                throw new AssertionError(name + ": " + e.getCause(), e.getCause());
            }
            assertThat(failure.getCause()).as(name).isInstanceOf(StorageUnavailableException.class);
            return failure.millis;
        }
    }

    private static void awaitFrozen(FaultProxy proxy) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!proxy.frozen()) {
            assertThat(System.nanoTime()).as("a transaction frozen within 30 s").isLessThan(deadline);
            Thread.sleep(5);
        }
    }

    /** Polls the hive's health until its notifier is up, listening again (30 s at most). */
    private static void awaitListening(Hive hive) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (hive.health().component(HiveHealth.NOTIFIER).orElseThrow().status() != HealthStatus.UP) {
            assertThat(System.nanoTime()).as("the notifier listening again within 30 s of the thaw").isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    /** Polls until no idle transaction of the database holds a lock, or {@link #LOCKS_BOUND} passed; the last count. */
    private static int awaitNoLocks(Connection admin) throws SQLException, InterruptedException {
        long deadline = System.nanoTime() + LOCKS_BOUND.toNanos();
        int locks = locksOfIdleTransactions(admin);
        while (locks > 0 && System.nanoTime() < deadline) {
            Thread.sleep(100);
            locks = locksOfIdleTransactions(admin);
        }
        return locks;
    }

    /** Locks held by sessions of the test database that sit idle inside a transaction. */
    private static int locksOfIdleTransactions(Connection admin) throws SQLException {
        try (PreparedStatement statement = admin.prepareStatement("SELECT count(*) FROM pg_locks l"
                + " JOIN pg_stat_activity a ON a.pid = l.pid"
                + " WHERE a.datname = ? AND a.state LIKE 'idle in transaction%' AND l.granted")) {
            statement.setString(1, OwnPostgres.DATABASE);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    /** Ends the listening connections' backends, as a server-side keepalive ends a silent client's. */
    private static int terminateListeners(Connection admin) throws SQLException {
        try (PreparedStatement statement = admin.prepareStatement("SELECT count(*) FILTER (WHERE pg_terminate_backend(pid))"
                + " FROM pg_stat_activity WHERE datname = ? AND application_name = 'agent-hive-listener'")) {
            statement.setString(1, OwnPostgres.DATABASE);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    /** A call's failure with how long the call ran. */
    private static final class TimedFailure extends Exception {
        private final long millis;

        TimedFailure(long millis, Exception cause) {
            super(cause);
            this.millis = millis;
        }
    }
}
