package dev.agenthive.api.agent;

import dev.agenthive.api.json.Json;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * A registered agent as stored.
 *
 * @param id              caller-chosen identifier
 * @param type            free-text kind, e.g. {@code "coder"} or {@code "reviewer"}
 * @param status          lifecycle state
 * @param capabilities    what the agent can do; tasks requiring capabilities go only to agents having all of them
 * @param worktreePath    the agent's git worktree, if any
 * @param branch          the branch the agent works on, if any
 * @param configuration   agent-specific configuration
 * @param createdAt       first registration
 * @param lastHeartbeatAt last sign of life, judged by the store's clock
 * @param updatedAt       last change of any field
 */
public record Agent(
        String id,
        String type,
        AgentStatus status,
        Set<String> capabilities,
        String worktreePath,
        String branch,
        Json configuration,
        Instant createdAt,
        Instant lastHeartbeatAt,
        Instant updatedAt) {

    public Agent {
        Objects.requireNonNull(id, "id is null");
        Objects.requireNonNull(type, "type is null");
        Objects.requireNonNull(status, "status is null");
        capabilities = Set.copyOf(Objects.requireNonNull(capabilities, "capabilities is null"));
        Objects.requireNonNull(configuration, "configuration is null");
        Objects.requireNonNull(createdAt, "createdAt is null");
        Objects.requireNonNull(lastHeartbeatAt, "lastHeartbeatAt is null");
        Objects.requireNonNull(updatedAt, "updatedAt is null");
    }
}
