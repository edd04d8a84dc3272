package dev.agenthive.it.mariadb;

import dev.agenthive.api.agent.AgentRegistration;
import dev.agenthive.api.store.HiveStore;
import dev.agenthive.it.process.Stores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two transactions that lock two rows in opposite orders deadlock; InnoDB rolls the victim's whole
 * transaction back, savepoints included. The victim must be run again by the store's retry loop, not
 * fail on the savepoint that the deadlock took away.
 */
class MariaDbDeadlockRetryTest {
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
