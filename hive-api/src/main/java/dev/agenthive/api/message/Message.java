package dev.agenthive.api.message;

import dev.agenthive.api.json.Json;

import java.time.Instant;
import java.util.Objects;

/**
 * One message in one recipient's inbox. A broadcast is stored as one message per recipient,
 * each with the broadcast's id as {@code broadcastId}.
 *
 * @param id             identifier; for a broadcast copy {@code broadcastId + ":" + toAgent}
 * @param fromAgent      sender, or {@code null} for the system
 * @param toAgent        recipient
 * @param type           free-text kind, e.g. {@code "review-request"}
 * @param priority       higher is delivered first
 * @param payload        content
 * @param correlationId  optional id tying a conversation together
 * @param replyTo        optional id of the message this one answers
 * @param broadcastId    id of the broadcast this copy belongs to, or {@code null}
 * @param idempotencyKey the key it was sent with, or {@code null}; every copy of a broadcast carries
 *                       the broadcast's key
 * @param sentAt         when it was stored
 * @param deliveredAt    first delivery to the recipient, or {@code null}
 * @param ackedAt        acknowledgement, or {@code null}
 * @param expiresAt      not delivered after this instant, or {@code null} for never
 * @param deliveryCount  deliveries so far (more than one means redelivery)
 */
public record Message(
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
        int deliveryCount) {

    public Message {
        Objects.requireNonNull(id, "id is null");
        Objects.requireNonNull(toAgent, "toAgent is null");
        Objects.requireNonNull(type, "type is null");
        Objects.requireNonNull(payload, "payload is null");
        Objects.requireNonNull(sentAt, "sentAt is null");
    }
}
