package dev.agenthive.api.message;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Driven port: inter-agent messages with at-least-once delivery. A delivered message that is not
 * acknowledged within its visibility timeout is delivered again.
 *
 * <p>Idempotency: a caller that does not know whether its send or broadcast was stored (the
 * connection broke before the answer came) repeats it with the same
 * {@link NewMessage#idempotencyKey()} and gets what the first call stored, never a second copy. The
 * key is looked up inside the same write transaction as the insert, so concurrent calls with one
 * key store it once. A key stays taken as long as a message carrying it is stored: acknowledging
 * does not free it, {@link #purgeExpired()} does. A broadcast that reached no agent stores nothing
 * and so takes no key.
 */
public interface MessageRepository {

    /**
     * Stores a direct message. When a direct message to the same recipient was already stored with
     * the message's idempotency key, stores nothing and returns that message as it is now (its id,
     * not {@code id}; delivery and acknowledgement may have happened since).
     *
     * @throws dev.agenthive.api.error.InvalidInputException {@code toAgent} is missing
     * @throws dev.agenthive.api.error.NotFoundException     the recipient or the sender is not registered
     * @throws dev.agenthive.api.error.ConflictException     ({@code DUPLICATE}) the id is already used, or the
     *                                                       idempotency key is already used by a broadcast or by a
     *                                                       message to another recipient
     */
    Message send(String id, NewMessage message);

    /**
     * Stores one copy per live agent (active, idle or sleeping) other than the sender, atomically.
     * When a broadcast was already stored with the message's idempotency key, stores nothing and
     * returns that broadcast's copies as they are now (agents registered since get no copy).
     *
     * @return the copies stored, ordered by recipient
     * @throws dev.agenthive.api.error.ConflictException ({@code DUPLICATE}) the id is already used, or the
     *                                                   idempotency key is already used by a direct message
     */
    List<Message> broadcast(String id, NewMessage message);

    Optional<Message> find(String id);

    /**
     * The messages stored with this idempotency key: the one direct message, or every copy of the
     * one broadcast ordered by recipient, or none.
     */
    List<Message> findByIdempotencyKey(String idempotencyKey);

    /**
     * Delivers up to {@code limit} visible, unacknowledged, unexpired messages of the agent, highest
     * priority first, then oldest; marks them delivered and hides them for {@code visibilityTimeout}.
     */
    List<Message> inbox(String agentId, int limit, Duration visibilityTimeout);

    /**
     * Acknowledges a message of the agent.
     *
     * @return {@code true} if this call acknowledged it, {@code false} if it already was
     * @throws dev.agenthive.api.error.NotFoundException no such message for that agent
     */
    boolean ack(String agentId, String messageId);

    /** Deletes expired messages. @return number deleted */
    int purgeExpired();

    /** Unacknowledged, unexpired messages, for one agent or (with {@code null}) for all. */
    long countPending(String agentId);
}
