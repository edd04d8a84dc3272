package dev.agenthive.api.message;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Driven port: inter-agent messages with at-least-once delivery. A delivered message that is not
 * acknowledged within its visibility timeout is delivered again.
 */
public interface MessageRepository {

    /**
     * Stores a direct message.
     *
     * @throws dev.agenthive.api.error.InvalidInputException {@code toAgent} is missing
     * @throws dev.agenthive.api.error.NotFoundException     the recipient or the sender is not registered
     * @throws dev.agenthive.api.error.ConflictException     the id is already used ({@code DUPLICATE})
     */
    Message send(String id, NewMessage message);

    /**
     * Stores one copy per live agent (active, idle or sleeping) other than the sender, atomically.
     *
     * @return the copies stored
     */
    List<Message> broadcast(String id, NewMessage message);

    Optional<Message> find(String id);

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
