package dev.agenthive.api.task;

import dev.agenthive.api.Checks;

import java.time.Duration;
import java.util.Set;

/**
 * Command to lease queued tasks to one agent.
 *
 * @param agentId      the claiming agent
 * @param capabilities the agent's capabilities; only tasks whose required capabilities are a subset are claimed
 * @param lease        how long the lease lasts before the task goes back to the queue
 * @param maxTasks     1..1,000 tasks at most
 */
public record ClaimRequest(String agentId, Set<String> capabilities, Duration lease, int maxTasks) {
    public static final int MAX_BATCH = 1_000;

    public ClaimRequest {
        Checks.id(agentId, "claim.agentId");
        capabilities = Checks.idSet(capabilities, "claim.capabilities");
        Checks.positive(lease, "claim.lease");
        Checks.between(maxTasks, 1, MAX_BATCH, "claim.maxTasks");
    }
}
