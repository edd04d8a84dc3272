package dev.agenthive.api.agent;

import dev.agenthive.api.Checks;
import dev.agenthive.api.json.Json;

import java.util.Set;

/**
 * Command to register (or re-register) an agent. Registering is idempotent: the same id again
 * updates the descriptive fields and makes the agent {@link AgentStatus#ACTIVE}.
 *
 * @param id            caller-chosen identifier
 * @param type          free-text kind of agent
 * @param capabilities  what the agent can do; {@code null} means none
 * @param worktreePath  optional git worktree path
 * @param branch        optional branch
 * @param configuration optional configuration; {@code null} means {@code {}}
 */
public record AgentRegistration(
        String id,
        String type,
        Set<String> capabilities,
        String worktreePath,
        String branch,
        Json configuration) {

    public AgentRegistration {
        Checks.id(id, "agent.id");
        Checks.id(type, "agent.type");
        capabilities = Checks.idSet(capabilities, "agent.capabilities");
        Checks.text(Checks.maxLength(worktreePath, 4096, "agent.worktreePath"), "agent.worktreePath");
        Checks.text(Checks.maxLength(branch, Checks.MAX_ID_LENGTH, "agent.branch"), "agent.branch");
        configuration = configuration == null ? Json.EMPTY_OBJECT : Checks.json(configuration, "agent.configuration");
    }

    /** A registration with only id, type and capabilities. */
    public static AgentRegistration of(String id, String type, Set<String> capabilities) {
        return new AgentRegistration(id, type, capabilities, null, null, null);
    }
}
