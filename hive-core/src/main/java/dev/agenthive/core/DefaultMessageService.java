package dev.agenthive.core;

import dev.agenthive.api.Checks;
import dev.agenthive.api.error.InvalidInputException;
import dev.agenthive.api.message.Message;
import dev.agenthive.api.message.NewMessage;
import dev.agenthive.api.notify.Notifier;
import dev.agenthive.api.service.MessageService;
import dev.agenthive.api.store.HiveStore;
import dev.agenthive.core.config.HiveConfig;
import dev.agenthive.core.json.JsonCodec;
import dev.agenthive.core.observe.DomainMeters;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link MessageService} over a {@link HiveStore}. An inbox waits on {@link Notifier#inbox}, which
 * is signalled after a message to that agent commits. A send or broadcast that the store answered
 * from an earlier call with the same idempotency key stored nothing, so it signals nothing.
 */
final class DefaultMessageService implements MessageService {
    /** Most messages one inbox call delivers. */
    static final int MAX_INBOX_LIMIT = 1_000;

    private final HiveStore store;
    private final Notifier notifier;
    private final WorkWaiter waiter;
    private final JsonCodec codec;
    private final IdGenerator ids;
    private final Duration visibilityTimeout;
    private final DomainMeters meters;

    /** Wires the service; lease, backoff, limits and intervals come from {@code config}. */
    DefaultMessageService(HiveStore store, Notifier notifier, JsonCodec codec, IdGenerator ids,
                                 HiveConfig config, DomainMeters meters) {
        this.meters = Objects.requireNonNull(meters, "meters is null");
        this.store = Objects.requireNonNull(store, "store is null");
        this.notifier = Objects.requireNonNull(notifier, "notifier is null");
        this.waiter = new WorkWaiter(notifier, config.waitRecheckInterval());
        this.codec = Objects.requireNonNull(codec, "codec is null");
        this.ids = Objects.requireNonNull(ids, "ids is null");
        this.visibilityTimeout = config.messageVisibilityTimeout();
    }

    @Override
    public Message send(NewMessage message) {
        Checks.notNull(message, "message");
        if (message.toAgent() == null) {
            throw new InvalidInputException("message.toAgent", "must not be null for a direct message; use broadcast");
        }
        String id = ids.next();
        Message sent = store.messages().send(id, normalise(message));
        // Another id means the store answered with the message an earlier call stored and signalled.
        if (sent.id().equals(id)) {
            notifier.signal(Notifier.inbox(sent.toAgent()));
        }
        return sent;
    }

    @Override
    public List<Message> broadcast(NewMessage message) {
        Checks.notNull(message, "message");
        if (message.toAgent() != null) {
            throw new InvalidInputException("message.toAgent", "must be null for a broadcast, was '" + message.toAgent() + "'");
        }
        String id = ids.next();
        List<Message> copies = store.messages().broadcast(id, normalise(message));
        // Copies of an earlier broadcast id answer a replay: they were signalled when they were stored.
        copies.stream().filter(copy -> id.equals(copy.broadcastId())).map(Message::toAgent).distinct()
                .forEach(recipient -> notifier.signal(Notifier.inbox(recipient)));
        return copies;
    }

    @Override
    public Optional<Message> find(String messageId) {
        return store.messages().find(Checks.notBlank(messageId, "message.id"));
    }

    @Override
    public List<Message> inbox(String agentId, int limit, Duration wait) throws InterruptedException {
        Checks.id(agentId, "inbox.agentId");
        Checks.between(limit, 1, MAX_INBOX_LIMIT, "inbox.limit");
        Checks.notNegative(wait, "inbox.wait");
        List<Message> delivered = waiter.await(Notifier.inbox(agentId), wait,
                () -> store.messages().inbox(agentId, limit, visibilityTimeout));
        meters.delivered(delivered);
        return delivered;
    }

    @Override
    public boolean ack(String agentId, String messageId) {
        return store.messages().ack(Checks.id(agentId, "ack.agentId"), Checks.notBlank(messageId, "ack.messageId"));
    }

    @Override
    public long countPending(String agentId) {
        return store.messages().countPending(Checks.optionalId(agentId, "message.toAgent"));
    }

    @Override
    public int purgeExpired() {
        return store.messages().purgeExpired();
    }

    private NewMessage normalise(NewMessage message) {
        return new NewMessage(message.fromAgent(), message.toAgent(), message.type(), message.priority(),
                codec.normalize(message.payload(), "message.payload"), message.correlationId(), message.replyTo(),
                message.timeToLive(), message.idempotencyKey());
    }
}
