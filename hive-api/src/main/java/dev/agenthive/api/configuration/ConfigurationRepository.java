package dev.agenthive.api.configuration;

import java.util.List;
import java.util.Optional;

/**
 * Driven port: versioned configuration values, unique per scope, agent, category and key (the
 * store enforces the uniqueness itself, the system scope included). Time ("now") is the store's
 * clock.
 */
public interface ConfigurationRepository {

    Optional<ConfigEntry> find(ConfigKey key);

    /**
     * The value an agent sees: its own value of the key if it has one, otherwise the system value.
     * The agent need not be registered (it then sees the system value).
     */
    Optional<ConfigEntry> effective(String agentId, String category, String key);

    /**
     * Writes the value, honouring {@link ConfigWrite#expectedVersion()}; a new key starts at
     * version 1, every write adds 1.
     *
     * @throws dev.agenthive.api.error.ConflictException      {@code VERSION_MISMATCH} when the expectation does not hold
     * @throws dev.agenthive.api.error.NotFoundException      an agent-scoped key names an unregistered agent
     * @throws dev.agenthive.api.error.InvalidInputException the value is not valid JSON
     */
    ConfigEntry put(ConfigWrite write);

    /**
     * Deletes the value.
     *
     * @param expectedVersion {@code null} for unconditional, else the version that must be current
     * @return {@code true} if a value was deleted
     * @throws dev.agenthive.api.error.ConflictException {@code VERSION_MISMATCH} when the expectation does not hold
     */
    boolean delete(ConfigKey key, Long expectedVersion);

    List<ConfigEntry> list(ConfigQuery query);
}
