package dev.agenthive.it.postgres;

import dev.agenthive.api.agent.AgentRegistration;
import dev.agenthive.api.health.ComponentHealth;
import dev.agenthive.api.health.HealthStatus;
import dev.agenthive.api.json.Json;
import dev.agenthive.api.message.NewMessage;
import dev.agenthive.api.notify.Notifier;
import dev.agenthive.api.store.HiveStore;
import dev.agenthive.api.task.NewTask;
import dev.agenthive.it.process.Stores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * LISTEN/NOTIFY between two stores on one database, as two processes would have: a commit in one
 * wakes a waiter of the other; a lost listening connection is replaced and its waiters re-check.
 * The waits are generous and only bound a broken test; nothing asserts how fast a wake-up is.
 */
class PostgresNotifierTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final PostgresTestServer server = PostgresTestServer.get();
    private String url;
    private HiveStore writer;
    private HiveStore waiter;

    @BeforeEach
    void open() {
        url = server.freshDatabase();
        writer = Stores.open(url);
        waiter = Stores.open(url);
    }

    @AfterEach
    void close() {
        waiter.close();
        writer.close();
        server.drop(url);
    }

    @Test
    void aListeningNotifierIsUpAndAClosedOneDown() {
        ComponentHealth health = waiter.notifier().orElseThrow().health();
        assertThat(health.status()).as(health.toString()).isEqualTo(HealthStatus.UP);
        assertThat(health.provider()).isEqualTo("postgresql-listen");
        assertThat(health.location()).isEqualTo(waiter.location());
        assertThat(health.details()).containsEntry("listening", "true").containsEntry("reconnects", "0");
        assertThat(health.lastError()).isNull();

        waiter.close();

        assertThat(waiter.notifier().orElseThrow().health().status()).isEqualTo(HealthStatus.DOWN);
    }

    @Test
    void anEnqueueCommittedByOneStoreWakesAClaimWaitingInTheOther() throws Exception {
        Notifier notifier = waiter.notifier().orElseThrow();
        long seen = notifier.sequence(Notifier.TASKS);
        CompletableFuture<Boolean> woken = CompletableFuture.supplyAsync(() -> await(notifier, Notifier.TASKS, seen));

        writer.tasks().enqueue("t-1", NewTask.builder("work").build());

        assertThat(woken.get(WAIT.toSeconds() + 5, TimeUnit.SECONDS)).as("woken by the other store's commit").isTrue();
        assertThat(waiter.tasks().find("t-1")).isPresent();
    }

    @Test
    void aMessageSentThroughOneStoreWakesTheRecipientsInboxInTheOther() throws Exception {
        writer.agents().register(AgentRegistration.of("alice", "coder", Set.of()));
        writer.agents().register(AgentRegistration.of("bob", "coder", Set.of()));
        Notifier notifier = waiter.notifier().orElseThrow();
        long seen = notifier.sequence(Notifier.inbox("bob"));
        long otherSeen = notifier.sequence(Notifier.inbox("carol"));
        CompletableFuture<Boolean> woken = CompletableFuture.supplyAsync(() -> await(notifier, Notifier.inbox("bob"), seen));

        writer.messages().send("m-1", NewMessage.direct("alice", "bob", "note", Json.of("{}")));

        assertThat(woken.get(WAIT.toSeconds() + 5, TimeUnit.SECONDS)).isTrue();
        assertThat(notifier.sequence(Notifier.inbox("carol"))).as("another inbox is not woken").isEqualTo(otherSeen);
    }

    @Test
    void aSignalOfAnyTopicReachesTheOtherStore() throws Exception {
        Notifier notifier = waiter.notifier().orElseThrow();
        long seen = notifier.sequence("custom:topic");
        CompletableFuture<Boolean> woken = CompletableFuture.supplyAsync(() -> await(notifier, "custom:topic", seen));

        writer.notifier().orElseThrow().signal("custom:topic");

        assertThat(woken.get(WAIT.toSeconds() + 5, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void aKilledListeningConnectionIsReplacedAndItsWaitersReCheck() throws Exception {
        Notifier notifier = waiter.notifier().orElseThrow();
        long seen = notifier.sequence(Notifier.TASKS);
        CompletableFuture<Boolean> woken = CompletableFuture.supplyAsync(() -> await(notifier, Notifier.TASKS, seen));

        // Both stores listen; terminating every listening backend of the database cuts both.
        try (Connection admin = server.connect(url);
             PreparedStatement kill = admin.prepareStatement(
                     "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
                             + " WHERE datname = current_database() AND application_name = 'agent-hive-listener'");
             ResultSet rs = kill.executeQuery()) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getInt(1)).as("listening connections terminated").isEqualTo(2);
        }

        assertThat(woken.get(WAIT.toSeconds() + 5, TimeUnit.SECONDS)).as("waiters woken after the reconnect").isTrue();
        ComponentHealth health = notifier.health();
        assertThat(health.status()).as(health.toString()).isEqualTo(HealthStatus.UP);
        assertThat(health.details()).containsEntry("listening", "true").containsEntry("reconnects", "1")
                .containsEntry("failures_in_a_row", "0");
        assertThat(health.lastError()).as("why the connection was lost, kept after the reconnect").isNotBlank();
        long afterReconnect = notifier.sequence(Notifier.TASKS);
        CompletableFuture<Boolean> again = CompletableFuture.supplyAsync(
                () -> await(notifier, Notifier.TASKS, afterReconnect));
        writer.tasks().enqueue("t-after", NewTask.builder("after the reconnect").build());
        assertThat(again.get(WAIT.toSeconds() + 5, TimeUnit.SECONDS)).as("notifications flow again").isTrue();
    }

    private static boolean await(Notifier notifier, String topic, long seen) {
        try {
            return notifier.await(topic, seen, WAIT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
