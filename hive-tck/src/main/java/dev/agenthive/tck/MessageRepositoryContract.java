package dev.agenthive.tck;

import dev.agenthive.api.agent.AgentStatus;
import dev.agenthive.api.error.ConflictException;
import dev.agenthive.api.error.ErrorCode;
import dev.agenthive.api.error.InvalidInputException;
import dev.agenthive.api.error.NotFoundException;
import dev.agenthive.api.message.Message;
import dev.agenthive.api.message.MessageRepository;
import dev.agenthive.api.message.NewMessage;
import dev.agenthive.api.task.NewTask;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Contract of {@link MessageRepository}: direct and broadcast messages, idempotency keys, inbox
 * order, delivery, acknowledgement, redelivery after the visibility timeout, expiry and counts.
 */
public abstract sealed class MessageRepositoryContract extends AbstractStoreContract permits HiveStoreTck.Messages {

    private MessageRepository messages() {
        return store().messages();
    }

    private Message send(String id, String from, String to, int priority) {
        return messages().send(id, new NewMessage(from, to, "note", priority, json("{\"n\":\"" + id + "\"}"),
                null, null, null));
    }

    @Test
    void sendStoresEveryField() {
        registerAgent("alice");
        registerAgent("bob");
        Instant before = nowMillis();

        Message sent = messages().send("m-1", new NewMessage("alice", "bob", "review-request", 42,
                json("{\"pr\":17,\"files\":[\"A.java\"]}"), "corr-1", "m-0", Duration.ofHours(1), "idem-1"));
        Instant after = nowMillisCeiling();

        assertThat(sent.id()).isEqualTo("m-1");
        assertThat(sent.fromAgent()).isEqualTo("alice");
        assertThat(sent.toAgent()).isEqualTo("bob");
        assertThat(sent.type()).isEqualTo("review-request");
        assertThat(sent.priority()).isEqualTo(42);
        assertSameJson(sent.payload(), json("{\"files\":[\"A.java\"],\"pr\":17}"));
        assertThat(sent.correlationId()).isEqualTo("corr-1");
        assertThat(sent.replyTo()).isEqualTo("m-0");
        assertThat(sent.broadcastId()).isNull();
        assertThat(sent.idempotencyKey()).isEqualTo("idem-1");
        assertThat(sent.sentAt()).isBetween(before, after);
        assertThat(sent.deliveredAt()).isNull();
        assertThat(sent.ackedAt()).isNull();
        assertThat(sent.expiresAt()).isBetween(before.plus(Duration.ofHours(1)), after.plus(Duration.ofHours(1)));
        assertThat(sent.deliveryCount()).isZero();
        assertThat(messages().find("m-1")).contains(sent);
    }

    @Test
    void sendFromTheSystemHasNoSender() {
        registerAgent("bob");

        Message sent = messages().send("m-1", NewMessage.direct(null, "bob", "notice", json("\"hello\"")));

        assertThat(sent.fromAgent()).isNull();
        assertThat(sent.expiresAt()).isNull();
        assertThat(sent.idempotencyKey()).isNull();
        assertThat(messages().find("m-1")).contains(sent);
    }

    @Test
    void findOfUnknownMessageIsEmpty() {
        assertThat(messages().find("nothing")).isEmpty();
    }

    @Test
    void unknownRecipientOrSenderIsNotFoundAndStoresNothing() {
        registerAgent("alice");

        assertThatThrownBy(() -> messages().send("m-1", NewMessage.direct("alice", "nobody", "note", json("{}"))))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> messages().send("m-2", NewMessage.direct("nobody", "alice", "note", json("{}"))))
                .isInstanceOf(NotFoundException.class);

        assertThat(messages().find("m-1")).isEmpty();
        assertThat(messages().find("m-2")).isEmpty();
        assertThat(messages().countPending(null)).isZero();
    }

    @Test
    void sendWithoutRecipientIsInvalidInput() {
        registerAgent("alice");

        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> messages().send("m-1", NewMessage.broadcast("alice", "note", json("{}"))));

        assertThat(e.field()).contains("toAgent");
        assertThat(messages().find("m-1")).isEmpty();
    }

    @Test
    void duplicateIdIsConflictAndKeepsTheFirstMessage() {
        registerAgent("alice");
        registerAgent("bob");
        Message first = send("m-1", "alice", "bob", 0);

        ConflictException e = assertThrows(ConflictException.class, () -> send("m-1", "bob", "alice", 5));

        assertThat(e.code()).isEqualTo(ErrorCode.DUPLICATE);
        assertThat(messages().find("m-1")).contains(first);
        assertThat(messages().countPending("alice")).isZero();
    }

    @Test
    void reusedIdempotencyKeyReturnsTheFirstMessageUnchanged() {
        registerAgent("alice");
        registerAgent("bob");
        Message first = messages().send("m-1", NewMessage.direct("alice", "bob", "note", json("{\"n\":1}"))
                .withIdempotencyKey("once"));

        Message again = messages().send("m-2", new NewMessage(null, "bob", "other", 9, json("{\"n\":2}"),
                "corr-2", null, SHORT_TTL, "once"));

        assertThat(again).isEqualTo(first);
        assertThat(first.idempotencyKey()).isEqualTo("once");
        assertThat(messages().find("m-2")).isEmpty();
        assertThat(messages().findByIdempotencyKey("once")).containsExactly(first);
        assertThat(messages().countPending(null)).isEqualTo(1);
        assertThat(messages().inbox("bob", 10, LONG_LEASE)).extracting(Message::id).containsExactly("m-1");
    }

    @Test
    void reusedIdempotencyKeyReturnsTheFirstMessageAsItIsNow() {
        registerAgent("alice");
        registerAgent("bob");
        NewMessage note = NewMessage.direct("alice", "bob", "note", json("{}")).withIdempotencyKey("once");
        messages().send("m-1", note);
        messages().inbox("bob", 10, LONG_LEASE);
        messages().ack("bob", "m-1");

        Message again = messages().send("m-2", note);

        assertThat(again).isEqualTo(messages().find("m-1").orElseThrow());
        assertThat(again.ackedAt()).as("the replay leaves the acknowledgement alone").isNotNull();
        assertThat(messages().countPending("bob")).isZero();
        assertThat(messages().find("m-2")).isEmpty();
    }

    @Test
    void idempotencyKeyOfAMessageToAnotherRecipientIsConflict() {
        registerAgent("alice");
        registerAgent("bob");
        registerAgent("carol");
        Message first = messages().send("m-1", NewMessage.direct("alice", "bob", "note", json("{}"))
                .withIdempotencyKey("once"));

        ConflictException e = assertThrows(ConflictException.class, () -> messages().send("m-2",
                NewMessage.direct("alice", "carol", "note", json("{}")).withIdempotencyKey("once")));

        assertThat(e.code()).isEqualTo(ErrorCode.DUPLICATE);
        assertThat(e.getMessage()).startsWith("message.idempotencyKey: ").contains("already used");
        assertThat(messages().find("m-2")).isEmpty();
        assertThat(messages().countPending("carol")).isZero();
        assertThat(messages().findByIdempotencyKey("once")).containsExactly(first);
    }

    @Test
    void idempotencyKeyIsEitherASendsOrABroadcasts() {
        registerAgent("alice");
        registerAgent("bob");
        List<Message> copies = messages().broadcast("b-1", NewMessage.broadcast("alice", "x", json("{}"))
                .withIdempotencyKey("of-broadcast"));
        Message direct = messages().send("m-1", NewMessage.direct("alice", "bob", "x", json("{}"))
                .withIdempotencyKey("of-send"));

        ConflictException sendWithBroadcastKey = assertThrows(ConflictException.class, () -> messages().send("m-2",
                NewMessage.direct("alice", "bob", "x", json("{}")).withIdempotencyKey("of-broadcast")));
        ConflictException broadcastWithSendKey = assertThrows(ConflictException.class, () -> messages().broadcast(
                "b-2", NewMessage.broadcast("alice", "x", json("{}")).withIdempotencyKey("of-send")));

        assertThat(sendWithBroadcastKey.code()).isEqualTo(ErrorCode.DUPLICATE);
        assertThat(sendWithBroadcastKey.getMessage()).startsWith("message.idempotencyKey: ");
        assertThat(broadcastWithSendKey.code()).isEqualTo(ErrorCode.DUPLICATE);
        assertThat(broadcastWithSendKey.getMessage()).startsWith("message.idempotencyKey: ");
        assertThat(messages().find("m-2")).isEmpty();
        assertThat(messages().find("b-2:bob")).isEmpty();
        assertThat(messages().findByIdempotencyKey("of-broadcast")).containsExactlyInAnyOrderElementsOf(copies);
        assertThat(messages().findByIdempotencyKey("of-send")).containsExactly(direct);
        assertThat(messages().countPending(null)).isEqualTo(2);
    }

    @Test
    void reusedIdempotencyKeyOfABroadcastReturnsItsCopies() {
        registerAgent("alice");
        registerAgent("bob");
        registerAgent("carol");
        List<Message> copies = messages().broadcast("b-1", NewMessage.broadcast("alice", "announce", json("{}"))
                .withIdempotencyKey("all"));
        registerAgent("dave");

        List<Message> again = messages().broadcast("b-2", NewMessage.broadcast("alice", "announce", json("{}"))
                .withIdempotencyKey("all"));

        assertThat(copies).extracting(Message::toAgent).containsExactlyInAnyOrder("bob", "carol");
        assertThat(copies).allSatisfy(copy -> assertThat(copy.idempotencyKey()).isEqualTo("all"));
        assertThat(again).containsExactlyInAnyOrderElementsOf(copies);
        assertThat(messages().findByIdempotencyKey("all")).containsExactlyInAnyOrderElementsOf(copies);
        assertThat(messages().find("b-2:bob")).isEmpty();
        assertThat(messages().countPending("dave")).as("agents registered since get no copy").isZero();
        assertThat(messages().countPending(null)).isEqualTo(2);
    }

    @Test
    void idempotencyKeysOfMessagesAndTasksAreSeparate() {
        registerAgent("alice");
        registerAgent("bob");
        store().tasks().enqueue("t-1", NewTask.builder("t").idempotencyKey("shared").build());

        Message sent = messages().send("m-1", NewMessage.direct("alice", "bob", "x", json("{}"))
                .withIdempotencyKey("shared"));

        assertThat(sent.id()).isEqualTo("m-1");
        assertThat(messages().findByIdempotencyKey("nothing")).isEmpty();
    }

    @Test
    void purgingAnExpiredMessageFreesItsIdempotencyKey() {
        registerAgent("alice");
        registerAgent("bob");
        messages().send("m-1", new NewMessage("alice", "bob", "note", 0, json("{}"), null, null, SHORT_TTL, "once"));
        passTime(PAST_SHORT_TTL);
        assertThat(messages().purgeExpired()).isEqualTo(1);

        Message again = messages().send("m-2", NewMessage.direct("alice", "bob", "note", json("{}"))
                .withIdempotencyKey("once"));

        assertThat(again.id()).isEqualTo("m-2");
        assertThat(messages().findByIdempotencyKey("once")).containsExactly(again);
    }

    @Test
    void broadcastStoresOneCopyPerLiveAgentExceptTheSender() {
        registerAgent("alice");
        registerAgent("bob");
        registerAgent("carol");
        registerAgent("dave");
        registerAgent("erin");
        registerAgent("frank");
        store().agents().updateStatus("carol", AgentStatus.IDLE);
        store().agents().updateStatus("dave", AgentStatus.SLEEPING);
        store().agents().updateStatus("erin", AgentStatus.CRASHED);
        store().agents().updateStatus("frank", AgentStatus.TERMINATED);

        List<Message> copies = messages().broadcast("b-1", new NewMessage("alice", null, "announce", 3,
                json("{\"text\":\"release at noon\"}"), "corr-b", null, null));

        assertThat(copies).extracting(Message::toAgent).containsExactlyInAnyOrder("bob", "carol", "dave");
        for (Message copy : copies) {
            assertThat(copy.id()).isEqualTo("b-1:" + copy.toAgent());
            assertThat(copy.broadcastId()).isEqualTo("b-1");
            assertThat(copy.idempotencyKey()).isNull();
            assertThat(copy.fromAgent()).isEqualTo("alice");
            assertThat(copy.type()).isEqualTo("announce");
            assertThat(copy.priority()).isEqualTo(3);
            assertThat(copy.correlationId()).isEqualTo("corr-b");
            assertSameJson(copy.payload(), json("{\"text\":\"release at noon\"}"));
            assertThat(copy.deliveredAt()).isNull();
            assertThat(messages().find(copy.id())).contains(copy);
        }
        assertThat(messages().countPending(null)).isEqualTo(3);
        assertThat(messages().countPending("alice")).isZero();
        assertThat(messages().countPending("erin")).isZero();
        assertThat(messages().countPending("frank")).isZero();
    }

    @Test
    void broadcastFromTheSystemReachesEveryLiveAgent() {
        registerAgent("alice");
        registerAgent("bob");

        List<Message> copies = messages().broadcast("b-1", NewMessage.broadcast(null, "shutdown", json("{}")));

        assertThat(copies).extracting(Message::id).containsExactlyInAnyOrder("b-1:alice", "b-1:bob");
        assertThat(copies).allSatisfy(copy -> assertThat(copy.fromAgent()).isNull());
    }

    @Test
    void broadcastWithoutRecipientsStoresNothing() {
        registerAgent("alice");

        assertThat(messages().broadcast("b-1", NewMessage.broadcast("alice", "echo", json("{}")))).isEmpty();
        assertThat(messages().countPending(null)).isZero();
    }

    @Test
    void broadcastWithRecipientIsInvalidInput() {
        registerAgent("alice");
        registerAgent("bob");

        assertThatThrownBy(() -> messages().broadcast("b-1", NewMessage.direct("alice", "bob", "x", json("{}"))))
                .isInstanceOf(InvalidInputException.class);
        assertThat(messages().countPending(null)).isZero();
    }

    @Test
    void broadcastFromUnknownSenderIsNotFound() {
        registerAgent("alice");

        assertThatThrownBy(() -> messages().broadcast("b-1", NewMessage.broadcast("nobody", "x", json("{}"))))
                .isInstanceOf(NotFoundException.class);
        assertThat(messages().countPending(null)).isZero();
    }

    @Test
    void broadcastCopiesAreDeliveredAndAcknowledgedIndependently() {
        registerAgent("alice");
        registerAgent("bob");
        registerAgent("carol");
        messages().broadcast("b-1", NewMessage.broadcast("alice", "x", json("{}")));

        List<Message> bobs = messages().inbox("bob", 10, LONG_LEASE);
        assertThat(bobs).extracting(Message::id).containsExactly("b-1:bob");
        assertThat(messages().ack("bob", "b-1:bob")).isTrue();

        assertThat(messages().countPending("carol")).isEqualTo(1);
        assertThat(messages().inbox("carol", 10, LONG_LEASE)).extracting(Message::id).containsExactly("b-1:carol");
        assertThat(messages().find("b-1:carol").orElseThrow().ackedAt()).isNull();
    }

    @Test
    void inboxDeliversHighestPriorityFirstThenOldest() {
        registerAgent("alice");
        registerAgent("bob");
        send("m-1", "alice", "bob", 0);
        send("m-2", "alice", "bob", 5);
        send("m-3", null, "bob", 0);
        send("m-4", "alice", "bob", 5);
        send("m-5", "alice", "bob", -2);
        send("m-6", "bob", "alice", 100);

        List<Message> inbox = messages().inbox("bob", 10, LONG_LEASE);

        assertThat(inbox).extracting(Message::id).containsExactly("m-2", "m-4", "m-1", "m-3", "m-5");
    }

    @Test
    void inboxMarksDeliveredAndRespectsTheLimit() {
        registerAgent("alice");
        registerAgent("bob");
        for (int i = 1; i <= 5; i++) {
            send("m-" + i, "alice", "bob", 0);
        }
        Instant before = nowMillis();

        List<Message> first = messages().inbox("bob", 2, LONG_LEASE);
        Instant after = nowMillisCeiling();

        assertThat(first).extracting(Message::id).containsExactly("m-1", "m-2");
        for (Message message : first) {
            assertThat(message.deliveredAt()).isBetween(before, after);
            assertThat(message.deliveryCount()).isEqualTo(1);
            assertThat(message.ackedAt()).isNull();
            assertThat(messages().find(message.id())).contains(message);
        }
        assertThat(messages().find("m-3").orElseThrow().deliveredAt()).isNull();
        assertThat(messages().inbox("bob", 10, LONG_LEASE)).extracting(Message::id).containsExactly("m-3", "m-4", "m-5");
        assertThat(messages().inbox("bob", 10, LONG_LEASE)).as("hidden while in flight").isEmpty();
    }

    @Test
    void unacknowledgedMessageIsRedeliveredAfterTheVisibilityTimeout() {
        registerAgent("alice");
        registerAgent("bob");
        send("m-1", "alice", "bob", 0);
        Message firstDelivery = messages().inbox("bob", 10, SHORT_TTL).get(0);

        passTime(PAST_SHORT_TTL);
        List<Message> again = messages().inbox("bob", 10, LONG_LEASE);

        assertThat(again).extracting(Message::id).containsExactly("m-1");
        assertThat(again.get(0).deliveryCount()).isEqualTo(2);
        assertThat(again.get(0).deliveredAt()).as("first delivery is kept").isEqualTo(firstDelivery.deliveredAt());
        assertThat(messages().inbox("bob", 10, LONG_LEASE)).isEmpty();
    }

    @Test
    void ackIsTrueOnceThenFalseAndStopsRedelivery() {
        registerAgent("alice");
        registerAgent("bob");
        send("m-1", "alice", "bob", 0);
        messages().inbox("bob", 10, SHORT_TTL);
        Instant before = nowMillis();

        assertThat(messages().ack("bob", "m-1")).isTrue();
        Instant after = nowMillisCeiling();
        assertThat(messages().ack("bob", "m-1")).isFalse();

        Message acked = messages().find("m-1").orElseThrow();
        assertThat(acked.ackedAt()).isBetween(before, after);
        passTime(PAST_SHORT_TTL);
        assertThat(messages().inbox("bob", 10, LONG_LEASE)).isEmpty();
        assertThat(messages().countPending("bob")).isZero();
    }

    @Test
    void ackOfUnknownOrForeignMessageIsNotFound() {
        registerAgent("alice");
        registerAgent("bob");
        send("m-1", "alice", "bob", 0);

        assertThatThrownBy(() -> messages().ack("bob", "nothing")).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> messages().ack("alice", "m-1")).isInstanceOf(NotFoundException.class);

        assertThat(messages().find("m-1").orElseThrow().ackedAt()).isNull();
        assertThat(messages().countPending("bob")).isEqualTo(1);
    }

    @Test
    void expiredMessageIsNeitherDeliveredNorPendingAndIsPurged() {
        registerAgent("alice");
        registerAgent("bob");
        Message expiring = messages().send("short",
                new NewMessage("alice", "bob", "note", 0, json("{}"), null, null, SHORT_TTL));
        messages().send("long", new NewMessage("alice", "bob", "note", 0, json("{}"), null, null, Duration.ofHours(1)));
        send("forever", "alice", "bob", 0);
        assertThat(expiring.expiresAt()).isEqualTo(expiring.sentAt().plus(SHORT_TTL));

        passTime(PAST_SHORT_TTL);

        assertThat(messages().countPending("bob")).isEqualTo(2);
        assertThat(messages().countPending(null)).isEqualTo(2);
        assertThat(messages().purgeExpired()).isEqualTo(1);
        assertThat(messages().find("short")).isEmpty();
        assertThat(messages().find("long")).isPresent();
        assertThat(messages().purgeExpired()).isZero();
        assertThat(messages().inbox("bob", 10, LONG_LEASE)).extracting(Message::id)
                .containsExactlyInAnyOrder("long", "forever");
    }

    @Test
    void expiredMessageIsNotDeliveredBeforePurge() {
        registerAgent("alice");
        registerAgent("bob");
        messages().send("short", new NewMessage("alice", "bob", "note", 0, json("{}"), null, null, SHORT_TTL));

        passTime(PAST_SHORT_TTL);

        assertThat(messages().inbox("bob", 10, LONG_LEASE)).isEmpty();
    }

    @Test
    void countPendingCountsUnacknowledgedPerAgentOrForAll() {
        registerAgent("alice");
        registerAgent("bob");
        send("m-1", "alice", "bob", 0);
        send("m-2", "alice", "bob", 0);
        send("m-3", "bob", "alice", 0);
        assertThat(messages().countPending("bob")).isEqualTo(2);
        assertThat(messages().countPending("alice")).isEqualTo(1);
        assertThat(messages().countPending(null)).isEqualTo(3);
        assertThat(messages().countPending("nobody")).isZero();

        messages().inbox("bob", 10, LONG_LEASE);
        assertThat(messages().countPending("bob")).as("delivered but not acknowledged").isEqualTo(2);

        messages().ack("bob", "m-1");
        assertThat(messages().countPending("bob")).isEqualTo(1);
        assertThat(messages().countPending(null)).isEqualTo(2);
    }
}
