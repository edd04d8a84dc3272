package dev.agenthive.store.jdbc.message;

import dev.agenthive.api.json.Json;
import dev.agenthive.api.message.Message;
import dev.agenthive.store.jdbc.content.LargeContents;

import java.time.Instant;

/**
 * One row of {@code agent_messages}: a {@link Message} whose payload may be in the blob store, named
 * by {@code payloadBlob} ({@link LargeContents}); the payload column then holds JSON {@code null}.
 */
public record MessageRow(
        String id,
        String fromAgent,
        String toAgent,
        String type,
        int priority,
        Json payload,
        String correlationId,
        String replyTo,
        String broadcastId,
        String idempotencyKey,
        Instant sentAt,
        Instant deliveredAt,
        Instant ackedAt,
        Instant expiresAt,
        int deliveryCount,
        String payloadBlob) {

    /**
     * This row with {@code given} as its payload when the payload is in the blob store, where it is
     * {@code given} byte for byte: the write that stored it need not read it back (once per copy of a
     * broadcast).
     */
    public MessageRow withStoredPayload(Json given) {
        if (payloadBlob == null) {
            return this;
        }
        return new MessageRow(id, fromAgent, toAgent, type, priority, given, correlationId, replyTo, broadcastId,
                idempotencyKey, sentAt, deliveredAt, ackedAt, expiresAt, deliveryCount, null);
    }

    /** The api record, with its payload loaded from the blob store when it is there. */
    public Message toMessage(LargeContents contents) {
        Json payloadValue = payloadBlob == null ? payload : contents.load(payloadBlob, "message '" + id + "'");
        return new Message(id, fromAgent, toAgent, type, priority, payloadValue, correlationId, replyTo, broadcastId,
                idempotencyKey, sentAt, deliveredAt, ackedAt, expiresAt, deliveryCount);
    }
}
