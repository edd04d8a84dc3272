package dev.agenthive.store.sqlite;

import dev.agenthive.api.agent.AgentRegistration;
import dev.agenthive.api.error.StorageUnavailableException;
import dev.agenthive.api.json.Json;
import dev.agenthive.api.task.ClaimRequest;
import dev.agenthive.api.task.NewTask;
import dev.agenthive.api.task.Task;
import dev.agenthive.api.task.TaskStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Several stores (each with its own writer connection, as separate processes have) on one file:
 * SQLite's file locks arbitrate, the stores retry, and no caller ever sees SQLITE_BUSY.
 */
class SqliteSharedFileTest {

    @TempDir
    Path dir;

    @Test
    void storesSharingAFileClaimEveryTaskExactlyOnce() throws Exception {
        Path file = dir.resolve("shared.db");
        Map<String, String> settings = Map.of(SqliteStoreConfig.BUSY_TIMEOUT, "20ms");
        int stores = 3;
        int tasksPerStore = 150;
        List<SqliteHiveStore> opened = new ArrayList<>();
        ExecutorService threads = Executors.newFixedThreadPool(stores * 2);
        try {
            for (int s = 0; s < stores; s++) {
                opened.add(Stores.open(file, settings));
            }
            Map<String, Integer> completions = new ConcurrentHashMap<>();
            AtomicInteger enqueued = new AtomicInteger();
            CountDownLatch go = new CountDownLatch(1);
            List<Future<?>> work = new ArrayList<>();
            for (int s = 0; s < stores; s++) {
                SqliteHiveStore store = opened.get(s);
                String agent = "agent-" + s;
                store.agents().register(AgentRegistration.of(agent, "coder", Set.of()));
                int storeNumber = s;
                work.add(threads.submit(() -> {
                    go.await();
                    for (int i = 0; i < tasksPerStore; i++) {
                        store.tasks().enqueue("task-" + storeNumber + "-" + i, NewTask.builder("t").build());
                        enqueued.incrementAndGet();
                    }
                    return null;
                }));
                work.add(threads.submit(() -> {
                    go.await();
                    while (completions.size() < stores * tasksPerStore) {
                        for (Task task : store.tasks().claim(new ClaimRequest(agent, Set.of(), Duration.ofMinutes(5), 7))) {
                            store.tasks().complete(task.id(), task.leaseToken(), Json.EMPTY_OBJECT);
                            completions.merge(task.id(), 1, Integer::sum);
                        }
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> future : work) {
                future.get(120, TimeUnit.SECONDS);
            }

            assertThat(enqueued.get()).isEqualTo(stores * tasksPerStore);
            assertThat(completions).hasSize(stores * tasksPerStore);
            assertThat(completions.values()).containsOnly(1);
            assertThat(opened.get(0).tasks().countByStatus().get(TaskStatus.COMPLETED)).isEqualTo(stores * tasksPerStore);
        } finally {
            threads.shutdownNow();
            opened.forEach(SqliteHiveStore::close);
        }
    }

    @Test
    void aWriteBlockedBeyondTheRetryTimeoutIsStorageUnavailable() throws Exception {
        Path file = dir.resolve("locked.db");
        try (SqliteHiveStore holder = Stores.open(file);
             SqliteHiveStore blocked = Stores.open(file, Map.of(SqliteStoreConfig.BUSY_TIMEOUT, "10ms",
                     SqliteStoreConfig.WRITE_RETRY_TIMEOUT, "300ms"))) {
            CountDownLatch locked = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            Thread lockHolder = new Thread(() -> holder.inTransaction(tx -> {
                tx.agents().register(AgentRegistration.of("holder", "coder", Set.of()));
                locked.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return null;
            }));
            lockHolder.start();
            assertThat(locked.await(30, TimeUnit.SECONDS)).isTrue();
            try {
                assertThatThrownBy(() -> blocked.agents().register(AgentRegistration.of("late", "coder", Set.of())))
                        .isInstanceOf(StorageUnavailableException.class)
                        .hasMessageContaining("stayed locked");
                assertThat(blocked.writerStats().retries()).isPositive();
            } finally {
                release.countDown();
                lockHolder.join();
            }
            // Once the lock is gone the same store writes normally, and the failed write left nothing.
            blocked.agents().register(AgentRegistration.of("after", "coder", Set.of()));
            assertThat(holder.agents().find("after")).isPresent();
            assertThat(holder.agents().find("late")).isEmpty();
        }
    }
}
