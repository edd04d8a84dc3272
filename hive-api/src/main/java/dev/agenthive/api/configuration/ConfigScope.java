package dev.agenthive.api.configuration;

import dev.agenthive.api.error.InvalidInputException;

import java.util.Arrays;
import java.util.Locale;

/** Who a configuration value applies to. Stored as the lower-case {@link #dbValue()}. */
public enum ConfigScope {
    /** Every agent, unless the agent has its own value. */
    SYSTEM,
    /** One agent; overrides the system value for it. */
    AGENT;

    /** The value stored in the database and shown to users. */
    public String dbValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a stored or user-given value, case-insensitively. */
    public static ConfigScope parse(String value) {
        if (value != null) {
            for (ConfigScope scope : values()) {
                if (scope.dbValue().equalsIgnoreCase(value.trim())) {
                    return scope;
                }
            }
        }
        throw new InvalidInputException("config.scope", "must be one of "
                + Arrays.stream(values()).map(ConfigScope::dbValue).toList() + ", was '" + value + "'");
    }
}
