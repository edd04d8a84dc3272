package dev.agenthive.core;

import dev.agenthive.api.agent.AgentRegistration;
import dev.agenthive.api.error.InvalidInputException;
import dev.agenthive.api.json.Json;
import dev.agenthive.api.message.Message;
import dev.agenthive.api.message.NewMessage;
import dev.agenthive.core.config.HiveConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HiveMessagingTest {
    private static final Duration LONG = Duration.ofMinutes(5);

    @TempDir
    Path dir;

    @Test
    void aWaitingInboxIsWokenBySendsAndBroadcastsFromAnotherThread() throws Exception {
        HiveConfig config = TestHives.config(dir).set(HiveConfig.WAIT_RECHECK_INTERVAL, Duration.ofHours(1)).build();
        try (Hive hive = Hive.open(config)) {
            hive.agents().register(AgentRegistration.of("alice", "coder", Set.of()));
            hive.agents().register(AgentRegistration.of("bob", "reviewer", Set.of()));

            CompletableFuture<List<Message>> direct = new CompletableFuture<>();
            Thread bobWaiting = inboxThread(hive, "bob", direct);
            TestHives.awaitTimedWaiting(bobWaiting);
            Message sent = hive.messages().send(NewMessage.direct("alice", "bob", "review-request", Json.of("{\"pr\": 7}")));
            assertThat(direct.get(LONG.toMinutes(), TimeUnit.MINUTES)).singleElement().satisfies(message -> {
                assertThat(message.id()).isEqualTo(sent.id());
                assertThat(message.payload().text()).isEqualTo("{\"pr\":7}");
            });

            CompletableFuture<List<Message>> broadcast = new CompletableFuture<>();
            Thread bobAgain = inboxThread(hive, "bob", broadcast);
            TestHives.awaitTimedWaiting(bobAgain);
            List<Message> copies = hive.messages().broadcast(NewMessage.broadcast("alice", "announcement", Json.of("\"hello\"")));
            assertThat(copies).extracting(Message::toAgent).containsExactly("bob");
            assertThat(broadcast.get(LONG.toMinutes(), TimeUnit.MINUTES)).singleElement()
                    .satisfies(message -> assertThat(message.type()).isEqualTo("announcement"));
        }
    }

    @Test
    void anInvalidPayloadIsRejectedAndNothingIsSent() {
        try (Hive hive = Hive.open(TestHives.config(dir).build())) {
            hive.agents().register(AgentRegistration.of("bob", "reviewer", Set.of()));

            assertThatThrownBy(() -> hive.messages().send(NewMessage.direct(null, "bob", "t", Json.of("{\"a\":1} trailing"))))
                    .isInstanceOfSatisfying(InvalidInputException.class,
                            e -> assertThat(e.field()).isEqualTo("message.payload"));
            assertThat(hive.messages().countPending("bob")).isZero();
        }
    }

    @Test
    void sendNeedsARecipientAndBroadcastMustNotHaveOne() {
        try (Hive hive = Hive.open(TestHives.config(dir).build())) {
            assertThatThrownBy(() -> hive.messages().send(NewMessage.broadcast(null, "t", Json.EMPTY_OBJECT)))
                    .isInstanceOfSatisfying(InvalidInputException.class,
                            e -> assertThat(e.field()).isEqualTo("message.toAgent"));
            assertThatThrownBy(() -> hive.messages().broadcast(new NewMessage(null, "bob", "t", 0, Json.EMPTY_OBJECT, null, null, null)))
                    .isInstanceOfSatisfying(InvalidInputException.class,
                            e -> assertThat(e.field()).isEqualTo("message.toAgent"));
        }
    }

    @Test
    void aRepeatedIdempotencyKeyReturnsWhatTheFirstCallSent() {
        try (Hive hive = Hive.open(TestHives.config(dir).build())) {
            hive.agents().register(AgentRegistration.of("alice", "coder", Set.of()));
            hive.agents().register(AgentRegistration.of("bob", "reviewer", Set.of()));
            NewMessage note = NewMessage.direct("alice", "bob", "note", Json.of("{\"n\": 1}")).withIdempotencyKey("note-1");
            NewMessage announcement = NewMessage.broadcast("alice", "announcement", Json.EMPTY_OBJECT)
                    .withIdempotencyKey("announcement-1");

            Message sent = hive.messages().send(note);
            List<Message> copies = hive.messages().broadcast(announcement);

            assertThat(hive.messages().send(note)).isEqualTo(sent);
            assertThat(hive.messages().broadcast(announcement)).isEqualTo(copies);
            assertThat(sent.idempotencyKey()).isEqualTo("note-1");
            assertThat(hive.messages().countPending("bob")).isEqualTo(2);
        }
    }

    private static Thread inboxThread(Hive hive, String agent, CompletableFuture<List<Message>> result) {
        Thread thread = new Thread(() -> {
            try {
                result.complete(hive.messages().inbox(agent, 10, LONG));
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        }, "inbox-" + agent);
        thread.start();
        return thread;
    }
}
