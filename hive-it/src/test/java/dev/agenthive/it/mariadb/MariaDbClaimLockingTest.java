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
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A claim locks only the tasks it takes. While another transaction holds one queued task (as a
 * racing claim does between its SKIP LOCKED read and its commit), a claim must take the next task at
 * once, neither waiting for the held one nor locking it: an UPDATE that walked the queue to find its
 * rows waited here for the lock timeout, and in a race made other claims skip tasks nobody took.
 */
class MariaDbClaimLockingTest {
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
}
