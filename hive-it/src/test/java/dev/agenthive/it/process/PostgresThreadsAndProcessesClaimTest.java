package dev.agenthive.it.process;

import dev.agenthive.api.agent.AgentRegistration;
import dev.agenthive.api.json.Json;
import dev.agenthive.api.store.HiveStore;
import dev.agenthive.api.task.NewTask;
import dev.agenthive.api.task.Task;
import dev.agenthive.api.task.TaskStatus;
import dev.agenthive.core.Hive;
import dev.agenthive.it.postgres.PostgresTestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Thirty-two threads of this JVM and four separate OS processes (two agents each) share one
 * PostgreSQL queue of 20,000 tasks. The processes start on an empty database at the same moment as
 * this JVM, racing to migrate it; then everyone enqueues half of the tasks (the processes 2,500 each,
 * the threads 10,000) while claiming and completing whatever is claimable, each waking on the
 * others' NOTIFY. Every task is completed exactly once, at its first attempt.
 */
class PostgresThreadsAndProcessesClaimTest {
    private static final int THREADS = 32;
    private static final int PROCESSES = 4;
    private static final int TASKS_PER_PROCESS = 2_500;
    private static final int THREAD_TASKS = 10_000;
    private static final int TOTAL = THREAD_TASKS + PROCESSES * TASKS_PER_PROCESS;
    private static final String CAPABILITY = "mp";
    private static final long HEARTBEAT_EVERY_NANOS = Duration.ofSeconds(5).toNanos();

    @TempDir
    Path dir;

    private final PostgresTestServer server = PostgresTestServer.get();
    private final String url = server.emptyDatabase();

    @AfterEach
    void drop() {
        server.drop(url);
    }

    @Test
    void thirtyTwoThreadsAndFourProcessesCompleteTwentyThousandTasksExactlyOnce() throws Exception {
        QueueWorkers workers = QueueWorkers.start(PROCESSES, url, TASKS_PER_PROCESS, TOTAL, dir);

        Map<String, Integer> completions = new ConcurrentHashMap<>();
        try (Hive hive = TestHives.open(url)) {
            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            try {
                AtomicInteger next = new AtomicInteger();
                DoneCheck done = new DoneCheck(hive);
                List<Future<?>> threads = new ArrayList<>();
                for (int t = 0; t < THREADS; t++) {
                    String agentId = "thread-" + t;
                    hive.agents().register(AgentRegistration.of(agentId, "worker", Set.of(CAPABILITY)));
                    threads.add(pool.submit(() -> work(hive, agentId, next, completions, done)));
                }
                for (Future<?> thread : threads) {
                    thread.get(240, TimeUnit.SECONDS);
                }
            } finally {
                pool.shutdownNow();
            }
        }
        workers.awaitSuccess();
        workers.completions().forEach((id, count) -> completions.merge(id, count, Integer::sum));
        assertThat(completions).hasSize(TOTAL);
        assertThat(completions.values()).as("completions per task").containsOnly(1);
        try (HiveStore store = Stores.open(url)) {
            Map<TaskStatus, Long> counts = store.tasks().countByStatus();
            assertThat(counts.get(TaskStatus.COMPLETED)).isEqualTo(TOTAL);
            assertThat(counts.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(TOTAL);
        }
        try (Connection connection = server.connect(url); Statement statement = connection.createStatement();
             ResultSet attempts = statement.executeQuery("SELECT attempts, count(*) FROM tasks GROUP BY attempts")) {
            assertThat(attempts.next()).isTrue();
            assertThat(attempts.getInt(1)).as("attempts of every task").isEqualTo(1);
            assertThat(attempts.getLong(2)).isEqualTo(TOTAL);
            assertThat(attempts.next()).as("tasks with more than one attempt").isFalse();
        }
    }

    /** Enqueues a few of this JVM's tasks, then claims and completes, until every task of the run is done. */
    private static Void work(Hive hive, String agentId, AtomicInteger next, Map<String, Integer> completions,
                             DoneCheck done) throws InterruptedException {
        long lastHeartbeat = System.nanoTime();
        while (true) {
            // A live agent heartbeats; without it, a long run would see it marked crashed by maintenance.
            if (System.nanoTime() - lastHeartbeat > HEARTBEAT_EVERY_NANOS) {
                hive.agents().heartbeat(agentId);
                lastHeartbeat = System.nanoTime();
            }
            for (int i = 0; i < 5; i++) {
                int n = next.getAndIncrement();
                if (n >= THREAD_TASKS) {
                    break;
                }
                hive.tasks().enqueue(NewTask.builder("thread task " + n).priority(n % 7)
                        .requiredCapabilities(Set.of(CAPABILITY)).build());
            }
            List<Task> claimed = hive.tasks().claim(agentId, 8, Duration.ofMillis(100));
            for (Task task : claimed) {
                hive.tasks().complete(task.id(), task.leaseToken(), Json.of("{\"by\":\"" + agentId + "\"}"));
                completions.merge(task.id(), 1, Integer::sum);
            }
            if (claimed.isEmpty() && done.allCompleted()) {
                return null;
            }
        }
    }

    /**
     * Whether every task of the run is completed, counted in the store at most every 250 ms for all
     * threads together, so that idle threads do not keep scanning the task table.
     */
    private static final class DoneCheck {
        private static final long EVERY_NANOS = Duration.ofMillis(250).toNanos();

        private final Hive hive;
        private long checkedAt = System.nanoTime() - EVERY_NANOS;
        private boolean done;

        DoneCheck(Hive hive) {
            this.hive = hive;
        }

        synchronized boolean allCompleted() {
            if (!done && System.nanoTime() - checkedAt >= EVERY_NANOS) {
                done = hive.tasks().countByStatus().get(TaskStatus.COMPLETED) >= TOTAL;
                checkedAt = System.nanoTime();
            }
            return done;
        }
    }
}
