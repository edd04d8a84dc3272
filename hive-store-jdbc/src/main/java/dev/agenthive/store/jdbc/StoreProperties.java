package dev.agenthive.store.jdbc;

import dev.agenthive.api.error.InvalidInputException;
import dev.agenthive.api.spi.PluginKeys;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * Parsing and range checks of a store's {@code hive.<name>.*} configuration values, shared by the
 * store modules so that every store reads its keys, and words its refusals, the same way. Every
 * failure is an {@link InvalidInputException} naming the key. Durations are read with
 * {@link dev.agenthive.api.spi.Durations}, the grammar the core's keys use too.
 */
public final class StoreProperties {
    private StoreProperties() {
    }

    /**
     * Refuses a key under {@code prefix} that is not one of {@code keys} (a misspelt setting), naming
     * it; keys of other stores and of the core are not this store's business.
     *
     * @param store names the store in the message, e.g. {@code "SQLite"}
     */
    public static void requireKnownKeys(Map<String, String> properties, String prefix, Set<String> keys, String store) {
        PluginKeys.requireKnown(properties, prefix, keys, store + " store");
    }

    public static int wholeInt(String value, String key) {
        long parsed = wholeLong(value, key);
        if (parsed < Integer.MIN_VALUE || parsed > Integer.MAX_VALUE) {
            throw new InvalidInputException(key, "is too large, was '" + value + "'");
        }
        return (int) parsed;
    }

    public static long wholeLong(String value, String key) {
        return parseLong(value == null ? "" : value.trim(), key, "must be a whole number, was '" + value + "'");
    }

    public static void requireRange(int value, int min, int max, String key) {
        if (value < min || value > max) {
            throw new InvalidInputException(key, "must be between " + min + " and " + max + ", was " + value);
        }
    }

    public static void requireRange(Duration value, Duration min, Duration max, String key) {
        if (value == null) {
            throw new InvalidInputException(key, "must not be null");
        }
        if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
            throw new InvalidInputException(key, "must be between " + min.toMillis() + " and " + max.toMillis()
                    + " ms, was " + value.toMillis());
        }
    }

    private static long parseLong(String text, String key, String rule) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new InvalidInputException(key, rule, e);
        }
    }
}
