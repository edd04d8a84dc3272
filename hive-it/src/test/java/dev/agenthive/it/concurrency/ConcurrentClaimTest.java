package dev.agenthive.it.concurrency;

import dev.agenthive.api.agent.AgentRegistration;
import dev.agenthive.api.json.Json;
import dev.agenthive.api.task.NewTask;
import dev.agenthive.api.task.Task;
import dev.agenthive.api.task.TaskStatus;
import dev.agenthive.core.Hive;
import dev.agenthive.it.process.TestHives;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
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

/** Sixteen threads of one process claim 10,000 tasks: each is completed exactly once. */
class ConcurrentClaimTest {
    private static final int THREADS = 16;
    private static final int TASKS = 10_000;

    @TempDir
    Path dir;

    @Test
    void sixteenThreadsCompleteTenThousandTasksExactlyOnce() throws Exception {
        try (Hive hive = TestHives.open("sqlite:" + dir.resolve("claims.db"))) {
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
            } finally {
                pool.shutdownNow();
            }
        }
    }
}
