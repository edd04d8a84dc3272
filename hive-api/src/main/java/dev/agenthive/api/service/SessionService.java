package dev.agenthive.api.service;

import dev.agenthive.api.json.Json;
import dev.agenthive.api.session.ContextSession;
import dev.agenthive.api.snapshot.MemorySnapshot;

import java.util.List;
import java.util.Optional;

/**
 * Use cases of context sessions, and the sleep and wake of an agent around them. Crossing a usage
 * threshold records one event per level reached in a session, in the same transaction as the
 * token count: {@value #USAGE_CONSOLIDATE} (info), {@value #USAGE_CRITICAL} and {@value #USAGE_SLEEP}
 * (warning).
 */
public interface SessionService {

    /** Event type recorded when a session first reaches {@link dev.agenthive.api.session.UsageLevel#CONSOLIDATE}. */
    String USAGE_CONSOLIDATE = "session.usage.consolidate";
    /** Event type recorded when a session first reaches {@link dev.agenthive.api.session.UsageLevel#CRITICAL}. */
    String USAGE_CRITICAL = "session.usage.critical";
    /** Event type recorded when a session first reaches {@link dev.agenthive.api.session.UsageLevel#SLEEP}. */
    String USAGE_SLEEP = "session.usage.sleep";
    /** Event type recorded when an agent goes to sleep. */
    String AGENT_SLEPT = "agent.slept";
    /** Event type recorded when an agent wakes. */
    String AGENT_WOKE = "agent.woke";
    /** Memory type of the working-memory snapshot taken by {@link #sleep}. */
    String WORKING_MEMORY = "working";

    /**
     * Starts the agent's session.
     *
     * @throws dev.agenthive.api.error.ConflictException {@code DUPLICATE}: the agent already has an active session
     * @throws dev.agenthive.api.error.NotFoundException the agent is not registered
     */
    ContextSession start(String agentId, long maxTokens);

    /** Ends the agent's active session (if any) and starts a new one, atomically. */
    ContextSession rollover(String agentId, long maxTokens);

    /**
     * Ends the agent's active session.
     *
     * @return the ended session, or empty if the agent had none
     */
    Optional<ContextSession> end(String agentId);

    /**
     * Sets the token count of the agent's active session. When the usage reaches a level above the
     * highest one reached so far in the session, the level is stored and one event recorded.
     *
     * @throws dev.agenthive.api.error.NotFoundException the agent has no active session
     * @throws dev.agenthive.api.error.ConflictException {@code VERSION_MISMATCH}: a concurrent call raised the
     *                                                   level meanwhile (never on a single-writer store); call again
     */
    ContextSession recordTokens(String agentId, long tokenCount);

    Optional<ContextSession> find(String sessionId);

    /** The agent's active session, if any. */
    Optional<ContextSession> active(String agentId);

    /** The agent's sessions, newest first. */
    List<ContextSession> history(String agentId, int limit);

    /** Every active session, by agent id. */
    List<ContextSession> listActive(int limit);

    /**
     * Puts the agent to sleep in one transaction: stores its working memory as a snapshot of type
     * {@value #WORKING_MEMORY}, ends its active session (if any) and sets it sleeping.
     *
     * @return the working-memory snapshot
     * @throws dev.agenthive.api.error.InvalidStateTransitionException the agent is crashed or terminated
     */
    MemorySnapshot sleep(String agentId, Json workingMemory);

    /**
     * Wakes the agent in one transaction: sets it active and starts a new session (ending any active
     * one) with the context window of its last session, or the configured default.
     *
     * @return the agent's latest working-memory snapshot, if it has one
     * @throws dev.agenthive.api.error.InvalidStateTransitionException the agent is crashed or terminated
     */
    Optional<MemorySnapshot> wake(String agentId);
}
