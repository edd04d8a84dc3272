package dev.agenthive.api.configuration;

import dev.agenthive.api.Checks;
import dev.agenthive.api.error.InvalidInputException;

/**
 * Filter for listing configuration values; {@code null} fields do not filter. Ordered by scope
 * (system first), agent, category and key.
 *
 * @param scope    only values of this scope
 * @param agentId  only this agent's own values (not the system values it falls back to)
 * @param category only this category
 * @param limit    1..10,000
 */
public record ConfigQuery(ConfigScope scope, String agentId, String category, int limit) {
    public static final int MAX_LIMIT = 10_000;

    public ConfigQuery {
        Checks.optionalId(agentId, "configQuery.agentId");
        if (scope == ConfigScope.SYSTEM && agentId != null) {
            throw new InvalidInputException("configQuery.agentId", "must be null for the system scope");
        }
        Checks.optionalId(category, "configQuery.category");
        Checks.between(limit, 1, MAX_LIMIT, "configQuery.limit");
    }

    /** Every value, up to {@link #MAX_LIMIT}. */
    public static ConfigQuery all() {
        return new ConfigQuery(null, null, null, MAX_LIMIT);
    }

    /** Every value of the scope, up to {@link #MAX_LIMIT}. */
    public static ConfigQuery byScope(ConfigScope scope) {
        return new ConfigQuery(scope, null, null, MAX_LIMIT);
    }

    /** Every value of the agent's own, up to {@link #MAX_LIMIT}. */
    public static ConfigQuery byAgent(String agentId) {
        return new ConfigQuery(ConfigScope.AGENT, agentId, null, MAX_LIMIT);
    }

    /** Every value of the category in every scope, up to {@link #MAX_LIMIT}. */
    public static ConfigQuery byCategory(String category) {
        return new ConfigQuery(null, null, category, MAX_LIMIT);
    }
}
