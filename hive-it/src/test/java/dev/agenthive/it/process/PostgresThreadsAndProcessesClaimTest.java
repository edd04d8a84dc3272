package dev.agenthive.it.process;

import dev.agenthive.api.store.HiveStore;
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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Thirty-two threads of this JVM and four separate OS processes (two agents each) share one
 * PostgreSQL queue of 2,400 tasks. The processes start on an empty database at the same moment as
 * this JVM, racing to migrate it; then everyone enqueues half of the tasks (the processes 300 each,
 * the threads 1,200) while claiming and completing whatever is claimable, each waking on the
 * others' NOTIFY. Every task is completed exactly once, at its first attempt.
 */
class PostgresThreadsAndProcessesClaimTest {
    private static final int THREADS = 32;
    private static final int PROCESSES = 4;
    private static final int TASKS_PER_PROCESS = 300;
    private static final int THREAD_TASKS = 1_200;
    private static final int TOTAL = THREAD_TASKS + PROCESSES * TASKS_PER_PROCESS;

    @TempDir
    Path dir;

    private final PostgresTestServer server = PostgresTestServer.get();
    private final String url = server.emptyDatabase();

    @AfterEach
    void drop() {
        server.drop(url);
    }

    @Test
    void thirtyTwoThreadsAndFourProcessesCompleteEveryTaskExactlyOnce() throws Exception {
        QueueWorkers workers = QueueWorkers.start(PROCESSES, url, TASKS_PER_PROCESS, TOTAL, dir);

        Map<String, Integer> completions = new ConcurrentHashMap<>();
        try (Hive hive = TestHives.open(url)) {
            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            try {
                AtomicInteger enqueued = new AtomicInteger();
                long deadline = System.nanoTime() + Duration.ofSeconds(420).toNanos();
                QueueWorkerMain.AllCompleted done = new QueueWorkerMain.AllCompleted(hive, TOTAL);
                List<Future<?>> threads = new ArrayList<>();
                for (int t = 0; t < THREADS; t++) {
                    String agentId = "thread-" + t;
                    threads.add(pool.submit(() -> {
                        QueueWorkerMain.work(hive, agentId, "t-", enqueued, THREAD_TASKS, deadline, done,
                                task -> completions.merge(task.id(), 1, Integer::sum));
                        return null;
                    }));
                }
                for (Future<?> thread : threads) {
                    thread.get(480, TimeUnit.SECONDS);
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
}
