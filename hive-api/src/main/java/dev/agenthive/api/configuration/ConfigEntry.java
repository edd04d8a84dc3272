package dev.agenthive.api.configuration;

import dev.agenthive.api.json.Json;

import java.time.Instant;
import java.util.Objects;

/**
 * A configuration value as stored.
 *
 * @param scope     system-wide or per agent
 * @param agentId   the agent of an {@link ConfigScope#AGENT} value, {@code null} for the system scope
 * @param category  group of related keys
 * @param key       the key within the category
 * @param value     the value
 * @param version   1 on creation, +1 on every write; the compare-and-set token
 * @param createdAt first write of this key (since it last did not exist)
 * @param updatedAt last write
 */
public record ConfigEntry(
        ConfigScope scope,
        String agentId,
        String category,
        String key,
        Json value,
        long version,
        Instant createdAt,
        Instant updatedAt) {

    public ConfigEntry {
        Objects.requireNonNull(scope, "scope is null");
        Objects.requireNonNull(category, "category is null");
        Objects.requireNonNull(key, "key is null");
        Objects.requireNonNull(value, "value is null");
        Objects.requireNonNull(createdAt, "createdAt is null");
        Objects.requireNonNull(updatedAt, "updatedAt is null");
    }

    /** The identity of this value. */
    public ConfigKey configKey() {
        return new ConfigKey(scope, agentId, category, key);
    }
}
