package dev.agenthive.api.service;

import dev.agenthive.api.configuration.ConfigEntry;
import dev.agenthive.api.configuration.ConfigKey;
import dev.agenthive.api.configuration.ConfigQuery;
import dev.agenthive.api.json.Json;

import java.util.List;
import java.util.Optional;

/** Use cases of the versioned, system-wide and per-agent configuration. */
public interface ConfigService {

    /** Writes a system-wide value unconditionally. */
    ConfigEntry setSystem(String category, String key, Json value);

    /**
     * Writes an agent's own value unconditionally.
     *
     * @throws dev.agenthive.api.error.NotFoundException the agent is not registered
     */
    ConfigEntry setForAgent(String agentId, String category, String key, Json value);

    /**
     * Writes a value, validated and normalised.
     *
     * @param expectedVersion {@code null}: unconditional; {@code 0}: only if absent; {@code n}: only if at version n
     * @throws dev.agenthive.api.error.ConflictException      {@code VERSION_MISMATCH}
     * @throws dev.agenthive.api.error.InvalidInputException the value is not valid JSON or exceeds the JSON limits
     */
    ConfigEntry put(ConfigKey key, Json value, Long expectedVersion);

    Optional<ConfigEntry> find(ConfigKey key);

    /** The agent's own value of the key, or else the system value. */
    Optional<ConfigEntry> effective(String agentId, String category, String key);

    /**
     * @param expectedVersion {@code null} for unconditional, else the version that must be current
     * @return {@code true} if a value was deleted
     * @throws dev.agenthive.api.error.ConflictException {@code VERSION_MISMATCH}
     */
    boolean delete(ConfigKey key, Long expectedVersion);

    List<ConfigEntry> list(ConfigQuery query);
}
