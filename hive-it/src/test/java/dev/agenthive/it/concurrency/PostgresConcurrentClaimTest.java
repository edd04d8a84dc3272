package dev.agenthive.it.concurrency;

import dev.agenthive.api.agent.AgentRegistration;
import dev.agenthive.api.json.Json;
import dev.agenthive.api.task.NewTask;
import dev.agenthive.api.task.Task;
import dev.agenthive.api.task.TaskQuery;
import dev.agenthive.api.task.TaskStatus;
import dev.agenthive.api.store.HiveStore;
import dev.agenthive.it.process.Stores;
import dev.agenthive.core.Hive;
import dev.agenthive.it.postgres.PostgresTestServer;
import dev.agenthive.it.process.TestHives;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Thirty-two threads of one process enqueue and claim 10,000 tasks on PostgreSQL (SKIP LOCKED
 * claims in serializable transactions on a pool smaller than the thread count): each task is
 * completed exactly once, at its first attempt.
 */
class PostgresConcurrentClaimTest {
    private static final int THREADS = 32;
    private static final int TASKS = 10_000;

    private final PostgresTestServer server = PostgresTestServer.get();
    private String url;

    @AfterEach
    void drop() {
        if (url != null) {
            server.drop(url);
        }
    }

    @Test
    void thirtyTwoThreadsCompleteTenThousandTasksExactlyOnce() throws Exception {
        url = server.freshDatabase();
        try (Hive hive = TestHives.open(url)) {
            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            try {
                List<Future<?>> enqueues = new ArrayList<>();
                AtomicInteger next = new AtomicInteger();
                for (int t = 0; t < THREADS; t++) {
                    enqueues.add(pool.submit(() -> {
                        for (int n = next.getAndIncrement(); n < TASKS; n = next.getAndIncrement()) {
                            hive.tasks().enqueue(NewTask.builder("task " + n).priority(n % 7).build());
                        }
                    }));
                }
                for (Future<?> enqueue : enqueues) {
                    enqueue.get();
                }

                ConcurrentHashMap<String, AtomicInteger> completions = new ConcurrentHashMap<>();
                List<Future<?>> workers = new ArrayList<>();
                for (int t = 0; t < THREADS; t++) {
                    String agentId = "agent-" + t;
                    hive.agents().register(AgentRegistration.of(agentId, "worker", Set.of()));
                    workers.add(pool.submit(() -> {
                        while (true) {
                            List<Task> claimed = hive.tasks().claim(agentId, 8, Duration.ZERO);
                            if (claimed.isEmpty()) {
                                return null;
                            }
                            for (Task task : claimed) {
                                hive.tasks().complete(task.id(), task.leaseToken(), Json.of("{\"by\":\"" + agentId + "\"}"));
                                completions.computeIfAbsent(task.id(), id -> new AtomicInteger()).incrementAndGet();
                            }
                        }
                    }));
                }
                for (Future<?> worker : workers) {
                    worker.get();
                }

                assertThat(completions).hasSize(TASKS);
                assertThat(completions.values()).allSatisfy(count -> assertThat(count.get()).isEqualTo(1));
                assertThat(hive.tasks().countByStatus().get(TaskStatus.COMPLETED)).isEqualTo(TASKS);
                try (HiveStore store = Stores.open(url)) {
                    assertThat(store.tasks().list(TaskQuery.byStatus(TaskStatus.COMPLETED, TASKS)))
                            .hasSize(TASKS).allSatisfy(task -> assertThat(task.attempts()).isEqualTo(1));
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }
}
