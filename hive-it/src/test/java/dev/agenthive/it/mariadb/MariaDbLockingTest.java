package dev.agenthive.it.mariadb;

import dev.agenthive.api.agent.AgentRegistration;
import dev.agenthive.api.store.HiveStore;
import dev.agenthive.api.task.ClaimRequest;
import dev.agenthive.api.task.NewTask;
import dev.agenthive.api.task.Task;
import dev.agenthive.api.task.TaskStatus;
import dev.agenthive.it.process.Stores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How the store lives with InnoDB's row locks.
 *
 * <p>Two transactions that lock two rows in opposite orders deadlock; InnoDB rolls the victim's whole
 * transaction back, savepoints included. The victim must be run again by the store's retry loop, not
 * fail on the savepoint that the deadlock took away.
 *
 * <p>A claim locks only the tasks it takes. While another transaction holds one queued task (as a
 * racing claim does between its SKIP LOCKED read and its commit), a claim must take the next task at
 * once, neither waiting for the held one nor locking it: an UPDATE that walked the queue to find its
 * rows waited here for the lock timeout, and in a race made other claims skip tasks nobody took.
 */
class MariaDbLockingTest {
    private MariaDbTestServer server;
    private String url;
    private HiveStore store;

    @BeforeEach
    void open() {
        server = MariaDbTestServer.get();
        url = server.emptyDatabase();
        store = Stores.open(url);
    }

    @AfterEach
    void close() {
        store.close();
        server.drop(url);
    }

    @Test
    void theVictimOfADeadlockIsRunAgainAsAWhole() throws Exception {
        store.agents().register(AgentRegistration.of("a", "worker", Set.of()));
        store.agents().register(AgentRegistration.of("b", "worker", Set.of()));
        CountDownLatch bothHoldOneRow = new CountDownLatch(2);
        AtomicInteger attempts = new AtomicInteger();
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            List<Future<String>> results = List.of(
                    threads.submit(() -> lockBoth(bothHoldOneRow, attempts, "a", "b")),
                    threads.submit(() -> lockBoth(bothHoldOneRow, attempts, "b", "a")));
            for (Future<String> result : results) {
                assertThat(result.get(60, TimeUnit.SECONDS)).isEqualTo("done");
            }
        } finally {
            threads.shutdownNow();
        }
        // Two transactions and at least one more run of the deadlock's victim.
        assertThat(attempts.get()).isGreaterThanOrEqualTo(3);
    }

    @Test
    void aClaimPassesOverATaskAnotherTransactionHoldsWithoutWaitingForIt() throws Exception {
        store.agents().register(AgentRegistration.of("worker", "worker", Set.of()));
        store.tasks().enqueue("held", NewTask.builder("first in line").priority(10).build());
        store.tasks().enqueue("free", NewTask.builder("second in line").build());

        try (Connection holder = server.connect(url); Statement statement = holder.createStatement()) {
            holder.setAutoCommit(false);
            try (ResultSet held = statement.executeQuery("SELECT id FROM tasks WHERE id = 'held' FOR UPDATE")) {
                assertThat(held.next()).isTrue();
            }

            CompletableFuture<List<Task>> claim = CompletableFuture.supplyAsync(() ->
                    store.tasks().claim(new ClaimRequest("worker", Set.of(), Duration.ofMinutes(5), 1)));
            // Far below the lock wait timeout: a claim that waits for the held row does not end here.
            List<Task> claimed = claim.get(20, TimeUnit.SECONDS);

            assertThat(claimed).extracting(Task::id).containsExactly("free");
            holder.rollback();
        }
        assertThat(store.tasks().find("held").orElseThrow().status()).isEqualTo(TaskStatus.QUEUED);
    }

    private String lockBoth(CountDownLatch bothHoldOneRow, AtomicInteger attempts, String first, String second) {
        return store.inTransaction(tx -> {
            attempts.incrementAndGet();
            tx.agents().heartbeat(first);
            bothHoldOneRow.countDown();
            try {
                // Only the first runs wait: a run again after the deadlock goes straight on.
                bothHoldOneRow.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            tx.agents().heartbeat(second);
            return "done";
        });
    }
}
