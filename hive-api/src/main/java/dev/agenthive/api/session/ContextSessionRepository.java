package dev.agenthive.api.session;

import java.util.List;
import java.util.Optional;

/**
 * Driven port: context sessions. The store itself guarantees at most one active session per agent
 * (a unique index over active sessions, not only a check in code). Time is the store's clock.
 */
public interface ContextSessionRepository {

    /** Largest page of {@link #history} and {@link #listActive}. */
    int MAX_LIMIT = 10_000;

    /**
     * Starts an active session with no tokens at {@link UsageLevel#NORMAL}.
     *
     * @throws dev.agenthive.api.error.NotFoundException     the agent is not registered
     * @throws dev.agenthive.api.error.ConflictException     {@code DUPLICATE}: the agent already has an active
     *                                                       session, or the id is taken
     * @throws dev.agenthive.api.error.InvalidInputException a blank or overlong id
     */
    ContextSession start(String id, NewSession session);

    /**
     * Ends the agent's active session, if it has one, and starts a new one, atomically: either
     * both happen or neither.
     *
     * @return the new, active session
     * @throws dev.agenthive.api.error.NotFoundException the agent is not registered
     * @throws dev.agenthive.api.error.ConflictException {@code DUPLICATE}: the id is taken
     */
    ContextSession rollover(String id, NewSession session);

    Optional<ContextSession> find(String id);

    /** The agent's active session, if any. */
    Optional<ContextSession> findActive(String agentId);

    /**
     * Ends an active session.
     *
     * @throws dev.agenthive.api.error.NotFoundException                 no such session
     * @throws dev.agenthive.api.error.InvalidStateTransitionException the session has already ended
     */
    ContextSession end(String id);

    /**
     * Sets the token count and the usage level of an active session, if its stored level is still
     * {@link TokenUpdate#expectedLevel()}.
     *
     * @throws dev.agenthive.api.error.NotFoundException                 no such session
     * @throws dev.agenthive.api.error.InvalidStateTransitionException the session has ended
     * @throws dev.agenthive.api.error.ConflictException                 {@code VERSION_MISMATCH}: the stored level differs
     */
    ContextSession updateTokens(TokenUpdate update);

    /**
     * The agent's sessions, newest first (by start, then id).
     *
     * @param limit 1..{@value #MAX_LIMIT}
     */
    List<ContextSession> history(String agentId, int limit);

    /**
     * Every active session, by agent id.
     *
     * @param limit 1..{@value #MAX_LIMIT}
     */
    List<ContextSession> listActive(int limit);
}
