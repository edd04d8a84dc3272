package dev.agenthive.api.agent;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Driven port: persistence of the agent registry. Time ("now") is always the store's clock.
 */
public interface AgentRepository {

    /**
     * Inserts the agent, or updates type, capabilities, worktree, branch and configuration of an
     * existing one; either way the agent ends {@link AgentStatus#ACTIVE} with a fresh heartbeat.
     */
    Agent register(AgentRegistration registration);

    Optional<Agent> find(String id);

    /**
     * Records a sign of life.
     *
     * @throws dev.agenthive.api.error.NotFoundException                 no such agent
     * @throws dev.agenthive.api.error.InvalidStateTransitionException the agent is crashed or terminated and must register again
     */
    Agent heartbeat(String id);

    /**
     * Changes the status if {@link AgentStatus#allowedSources(AgentStatus)} allows it, atomically.
     *
     * @throws dev.agenthive.api.error.NotFoundException                 no such agent
     * @throws dev.agenthive.api.error.InvalidStateTransitionException the current status does not allow it
     */
    Agent updateStatus(String id, AgentStatus status);

    List<Agent> list(AgentQuery query);

    /** Number of agents per status; every status is a key, zero included. */
    Map<AgentStatus, Long> countByStatus();

    /**
     * Marks {@link AgentStatus#CRASHED} every active or idle agent whose last heartbeat is older
     * than {@code heartbeatTimeout} by the store's clock.
     *
     * @return ids of the agents marked, in id order
     */
    List<String> markCrashed(Duration heartbeatTimeout);
}
