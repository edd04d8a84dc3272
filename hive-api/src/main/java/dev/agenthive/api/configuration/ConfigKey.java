package dev.agenthive.api.configuration;

import dev.agenthive.api.Checks;
import dev.agenthive.api.error.InvalidInputException;

/**
 * Identity of one configuration value: unique per scope, agent, category and key.
 *
 * @param scope    system-wide or per agent
 * @param agentId  the agent for {@link ConfigScope#AGENT}; must be {@code null} for {@link ConfigScope#SYSTEM}
 * @param category group of related keys, e.g. {@code "llm"}
 * @param key      the key within the category, e.g. {@code "model"}
 */
public record ConfigKey(ConfigScope scope, String agentId, String category, String key) {

    public ConfigKey {
        Checks.notNull(scope, "config.scope");
        if (scope == ConfigScope.SYSTEM && agentId != null) {
            throw new InvalidInputException("config.agentId", "must be null for the system scope");
        }
        if (scope == ConfigScope.AGENT) {
            Checks.id(agentId, "config.agentId");
        }
        Checks.id(category, "config.category");
        Checks.id(key, "config.key");
    }

    /** A system-wide key. */
    public static ConfigKey system(String category, String key) {
        return new ConfigKey(ConfigScope.SYSTEM, null, category, key);
    }

    /** A key of one agent. */
    public static ConfigKey agent(String agentId, String category, String key) {
        return new ConfigKey(ConfigScope.AGENT, agentId, category, key);
    }
}
