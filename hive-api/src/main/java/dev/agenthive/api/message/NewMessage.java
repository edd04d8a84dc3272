package dev.agenthive.api.message;

import dev.agenthive.api.Checks;
import dev.agenthive.api.json.Json;

import java.time.Duration;

/**
 * Command to send a message to one agent, or to every live agent when used for a broadcast (then
 * {@code toAgent} must be {@code null}).
 *
 * @param fromAgent      sender, or {@code null} for the system; when given it must be a registered agent
 * @param toAgent        recipient (must be registered), or {@code null} for a broadcast
 * @param type           free-text kind
 * @param priority       -1,000,000..1,000,000, higher first
 * @param payload        content
 * @param correlationId  optional
 * @param replyTo        optional id of the message answered
 * @param timeToLive     optional; the message expires this long after it was sent
 * @param idempotencyKey optional; a send or broadcast repeated with the same key returns what the
 *                       first one stored instead of storing it again (see {@link MessageRepository#send}
 *                       and {@link MessageRepository#broadcast})
 */
public record NewMessage(
        String fromAgent,
        String toAgent,
        String type,
        int priority,
        Json payload,
        String correlationId,
        String replyTo,
        Duration timeToLive,
        String idempotencyKey) {

    public static final int MAX_PRIORITY = 1_000_000;

    public NewMessage {
        Checks.optionalId(fromAgent, "message.fromAgent");
        Checks.optionalId(toAgent, "message.toAgent");
        Checks.id(type, "message.type");
        Checks.between(priority, -MAX_PRIORITY, MAX_PRIORITY, "message.priority");
        Checks.json(Checks.notNull(payload, "message.payload"), "message.payload");
        Checks.optionalId(correlationId, "message.correlationId");
        Checks.optionalId(replyTo, "message.replyTo");
        if (timeToLive != null) {
            Checks.positive(timeToLive, "message.timeToLive");
        }
        Checks.optionalId(idempotencyKey, "message.idempotencyKey");
    }

    /** A message without idempotency key; the form every caller used before keys existed. */
    public NewMessage(String fromAgent, String toAgent, String type, int priority, Json payload, String correlationId,
                      String replyTo, Duration timeToLive) {
        this(fromAgent, toAgent, type, priority, payload, correlationId, replyTo, timeToLive, null);
    }

    /** A direct message with default priority and no expiry. */
    public static NewMessage direct(String fromAgent, String toAgent, String type, Json payload) {
        return new NewMessage(fromAgent, Checks.id(toAgent, "message.toAgent"), type, 0, payload, null, null, null);
    }

    /** A broadcast with default priority and no expiry. */
    public static NewMessage broadcast(String fromAgent, String type, Json payload) {
        return new NewMessage(fromAgent, null, type, 0, payload, null, null, null);
    }

    /** This message with {@code idempotencyKey} ({@code null}: none). */
    public NewMessage withIdempotencyKey(String idempotencyKey) {
        return new NewMessage(fromAgent, toAgent, type, priority, payload, correlationId, replyTo, timeToLive,
                idempotencyKey);
    }
}
