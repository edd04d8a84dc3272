package dev.agenthive.api.service;

import dev.agenthive.api.agent.Agent;
import dev.agenthive.api.agent.AgentQuery;
import dev.agenthive.api.agent.AgentRegistration;
import dev.agenthive.api.agent.AgentStatus;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Use cases of the agent registry. */
public interface AgentService {

    /** Registers or re-registers an agent (idempotent); it ends active with a fresh heartbeat. */
    Agent register(AgentRegistration registration);

    /**
     * Records a sign of life. A crashed or terminated agent gets
     * {@link dev.agenthive.api.error.InvalidStateTransitionException} and must register again.
     */
    Agent heartbeat(String agentId);

    Agent setStatus(String agentId, AgentStatus status);

    Optional<Agent> find(String agentId);

    /** @throws dev.agenthive.api.error.NotFoundException no such agent */
    Agent get(String agentId);

    List<Agent> list(AgentQuery query);

    Map<AgentStatus, Long> countByStatus();

    /**
     * Marks crashed every active or idle agent whose heartbeat is older than the timeout and
     * returns its leased tasks to the queue, atomically, recording an event per agent.
     *
     * @return ids of the agents marked crashed
     */
    List<String> detectCrashed(Duration heartbeatTimeout);
}
