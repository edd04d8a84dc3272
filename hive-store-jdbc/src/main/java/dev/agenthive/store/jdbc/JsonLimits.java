package dev.agenthive.store.jdbc;

import dev.agenthive.api.error.InvalidInputException;

import java.util.Map;

/**
 * The limits every JSON value a store takes must keep: the core's {@code hive.json.max-depth} and
 * {@code hive.json.max-bytes}, read from the store's settings, so that a caller of the store port
 * (a plugin, a tool, a test) cannot store what the services would refuse.
 *
 * @param maxDepth deepest nesting of arrays and objects, at least 1 ({@value #MAX_DEPTH_KEY})
 * @param maxBytes largest value in UTF-8 bytes, at least 1 ({@value #MAX_BYTES_KEY})
 */
public record JsonLimits(int maxDepth, int maxBytes) {
    /** The key of the deepest nesting, which the core reads too. */
    public static final String MAX_DEPTH_KEY = "hive.json.max-depth";
    /** The key of the largest value, which the core reads too. */
    public static final String MAX_BYTES_KEY = "hive.json.max-bytes";
    /** The core's default of {@value #MAX_DEPTH_KEY}. */
    public static final int DEFAULT_MAX_DEPTH = 64;
    /** The core's default of {@value #MAX_BYTES_KEY}: 1 MiB. */
    public static final int DEFAULT_MAX_BYTES = 1024 * 1024;
    /** The core's defaults, for a store opened without them in its settings. */
    public static final JsonLimits DEFAULTS = new JsonLimits(DEFAULT_MAX_DEPTH, DEFAULT_MAX_BYTES);

    public JsonLimits {
        if (maxDepth < 1) {
            throw new InvalidInputException(MAX_DEPTH_KEY, "must be positive, was " + maxDepth);
        }
        if (maxBytes < 1) {
            throw new InvalidInputException(MAX_BYTES_KEY, "must be positive, was " + maxBytes);
        }
    }

    /** These limits with the depth at most {@code depth}: for a database that keeps less. */
    public JsonLimits atMostDepth(int depth) {
        return depth >= maxDepth ? this : new JsonLimits(depth, maxBytes);
    }

    /**
     * The limits of a store's settings, each the core's default when absent (the core always sets
     * them; a store opened without the core may not).
     *
     * @throws InvalidInputException naming the key, when a value is not a positive whole number
     */
    public static JsonLimits from(Map<String, String> properties) {
        String depth = properties.get(MAX_DEPTH_KEY);
        String bytes = properties.get(MAX_BYTES_KEY);
        return new JsonLimits(depth == null ? DEFAULT_MAX_DEPTH : StoreProperties.wholeInt(depth, MAX_DEPTH_KEY),
                bytes == null ? DEFAULT_MAX_BYTES : StoreProperties.wholeInt(bytes, MAX_BYTES_KEY));
    }
}
