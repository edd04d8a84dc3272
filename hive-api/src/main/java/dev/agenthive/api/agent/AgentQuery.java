package dev.agenthive.api.agent;

import dev.agenthive.api.Checks;
import dev.agenthive.api.json.Json;

/**
 * Filter for listing agents; {@code null} fields do not filter.
 *
 * @param status                 only agents in this state
 * @param type                   only agents of this type
 * @param capability             only agents having this capability
 * @param configurationContains  only agents whose configuration contains this JSON fragment, with
 *                               PostgreSQL's {@code jsonb @>} semantics on every store (see
 *                               {@link dev.agenthive.api.json.Json})
 * @param limit                  at most this many, ordered by id
 */
public record AgentQuery(AgentStatus status, String type, String capability, Json configurationContains, int limit) {
    /** Default and largest page size. */
    public static final int MAX_LIMIT = 10_000;

    public AgentQuery {
        Checks.optionalId(type, "agentQuery.type");
        Checks.optionalId(capability, "agentQuery.capability");
        Checks.json(configurationContains, "agentQuery.configurationContains");
        Checks.between(limit, 1, MAX_LIMIT, "agentQuery.limit");
    }

    /** A filter without a configuration fragment. */
    public AgentQuery(AgentStatus status, String type, String capability, int limit) {
        this(status, type, capability, null, limit);
    }

    /** Every agent, up to {@link #MAX_LIMIT}. */
    public static AgentQuery all() {
        return new AgentQuery(null, null, null, MAX_LIMIT);
    }

    public static AgentQuery byStatus(AgentStatus status) {
        return new AgentQuery(status, null, null, MAX_LIMIT);
    }

    public static AgentQuery byType(String type) {
        return new AgentQuery(null, type, null, MAX_LIMIT);
    }

    /** This filter, also requiring the configuration to contain {@code fragment}. */
    public AgentQuery withConfigurationContaining(Json fragment) {
        return new AgentQuery(status, type, capability, Checks.notNull(fragment, "agentQuery.configurationContains"), limit);
    }
}
