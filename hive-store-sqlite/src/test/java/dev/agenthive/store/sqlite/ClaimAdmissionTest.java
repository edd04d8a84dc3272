package dev.agenthive.store.sqlite;

import dev.agenthive.api.agent.AgentRegistration;
import dev.agenthive.api.task.ClaimRequest;
import dev.agenthive.api.task.NewTask;
import dev.agenthive.api.task.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Claims that would find nothing stay off SQLite's single write path: many idle agents polling an
 * empty queue, or woken together by one task, must not queue for the writer (with 200 agents they
 * once cut the work done to a quarter of what 8 agents did).
 */
class ClaimAdmissionTest {
    private static final int AGENTS = 64;

    @TempDir
    Path dir;

    @Test
    void claimsOnAnEmptyQueueNeverReachTheWriter() throws Exception {
        try (SqliteHiveStore store = Stores.open(dir.resolve("hive.db"))) {
            registerAgents(store);
            WriterStats before = store.writerStats();

            List<List<Task>> claimed = claimAtOnce(store, AGENTS);

            assertThat(claimed).allMatch(List::isEmpty);
            assertThat(store.writerStats().operations()).as("writer operations").isEqualTo(before.operations());
        }
    }

    @Test
    void agentsWokenByOneTaskSendOneClaimToTheWriter() throws Exception {
        try (SqliteHiveStore store = Stores.open(dir.resolve("hive.db"))) {
            registerAgents(store);
            store.tasks().enqueue("only-task", NewTask.builder("the only task").build());
            ExecutorService pool = Executors.newFixedThreadPool(AGENTS);
            try {
                List<Future<List<Task>>> claims = new ArrayList<>();
                try (WriterBlocker blocker = new WriterBlocker(store)) {
                    WriterStats held = store.writerStats();
                    // The first claim waits behind the blocked writer; it asks for the one task there is,
                    // so every later claimer is turned away after its read.
                    claims.add(pool.submit(() -> claim(store, 0)));
                    WriterBlocker.awaitQueued(store, 1);
                    for (int agent = 1; agent < AGENTS; agent++) {
                        int id = agent;
                        claims.add(pool.submit(() -> claim(store, id)));
                    }
                    for (Future<List<Task>> turnedAway : claims.subList(1, AGENTS)) {
                        assertThat(turnedAway.get(30, TimeUnit.SECONDS)).isEmpty();
                    }
                    assertThat(store.writerStats().queued()).as("claims waiting for the writer").isEqualTo(1);
                    assertThat(store.writerStats().operations()).isEqualTo(held.operations());
                }
                assertThat(claims.get(0).get(30, TimeUnit.SECONDS)).extracting(Task::id).containsExactly("only-task");
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void aClaimTurnedAwayComesBackWhenThereIsMoreThanTheClaimsInFlightTake() throws Exception {
        try (SqliteHiveStore store = Stores.open(dir.resolve("hive.db"))) {
            registerAgents(store);
            store.tasks().enqueue("task-1", NewTask.builder("first").build());
            store.tasks().enqueue("task-2", NewTask.builder("second").build());
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try (WriterBlocker blocker = new WriterBlocker(store)) {
                Future<List<Task>> first = pool.submit(() -> claim(store, 0));
                WriterBlocker.awaitQueued(store, 1);
                // Two queued tasks, one asked for in flight: the second claim goes to the writer too.
                Future<List<Task>> second = pool.submit(() -> claim(store, 1));
                WriterBlocker.awaitQueued(store, 2);
                blocker.release();
                assertThat(List.of(first.get(30, TimeUnit.SECONDS), second.get(30, TimeUnit.SECONDS)))
                        .flatExtracting(tasks -> tasks).extracting(Task::id)
                        .containsExactlyInAnyOrder("task-1", "task-2");
            } finally {
                pool.shutdownNow();
            }
        }
    }

    private static void registerAgents(SqliteHiveStore store) {
        for (int agent = 0; agent < AGENTS; agent++) {
            store.agents().register(AgentRegistration.of("agent-" + agent, "coder", Set.of()));
        }
    }

    private static List<Task> claim(SqliteHiveStore store, int agent) {
        return store.tasks().claim(new ClaimRequest("agent-" + agent, Set.of(), Duration.ofMinutes(5), 1));
    }

    private static List<List<Task>> claimAtOnce(SqliteHiveStore store, int agents) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(agents);
        try {
            List<Future<List<Task>>> claims = new ArrayList<>();
            for (int agent = 0; agent < agents; agent++) {
                int id = agent;
                claims.add(pool.submit(() -> claim(store, id)));
            }
            List<List<Task>> results = new ArrayList<>();
            for (Future<List<Task>> claim : claims) {
                results.add(claim.get(30, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
