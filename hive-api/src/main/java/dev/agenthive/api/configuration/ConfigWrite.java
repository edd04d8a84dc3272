package dev.agenthive.api.configuration;

import dev.agenthive.api.Checks;
import dev.agenthive.api.error.InvalidInputException;
import dev.agenthive.api.json.Json;

/**
 * Command to write a configuration value.
 *
 * @param configKey       which value
 * @param value           the value
 * @param expectedVersion {@code null}: write unconditionally; {@code 0}: only if the key does not
 *                        exist; {@code n > 0}: only if the current version is {@code n}
 */
public record ConfigWrite(ConfigKey configKey, Json value, Long expectedVersion) {

    public ConfigWrite {
        Checks.notNull(configKey, "config.configKey");
        Checks.json(Checks.notNull(value, "config.value"), "config.value");
        if (expectedVersion != null && expectedVersion < 0) {
            throw new InvalidInputException("config.expectedVersion",
                    "must be 0 (absent) or a positive version, was " + expectedVersion);
        }
    }

    /** An unconditional write. */
    public static ConfigWrite of(ConfigKey configKey, Json value) {
        return new ConfigWrite(configKey, value, null);
    }
}
