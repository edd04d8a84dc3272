package dev.agenthive.store.postgres;

import dev.agenthive.api.error.InvalidInputException;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The {@code hive.postgresql.*} settings, immutable once the store is open. Unknown keys and bad
 * values fail with an {@link InvalidInputException} naming the key; nothing is clamped.
 *
 * @param poolSize       connections of the pool, 1..1000
 * @param socketTimeout  the driver's socket timeout: no call waits longer for the server, so a
 *                       frozen network fails a caller instead of hanging it (1 s .. 1 h)
 * @param connectTimeout how long opening a connection, or waiting for a free one, may take (1 s .. 10 min)
 * @param retryTimeout   how long a transaction that met a serialization failure or deadlock is
 *                       run again (with jittered backoff) before the caller gets a
 *                       {@link dev.agenthive.api.error.StorageUnavailableException} (0 .. 1 day)
 */
public record PostgresStoreConfig(int poolSize, Duration socketTimeout, Duration connectTimeout, Duration retryTimeout) {

    public static final String PREFIX = "hive.postgresql.";
    public static final String POOL_SIZE = PREFIX + "pool-size";
    public static final String SOCKET_TIMEOUT = PREFIX + "socket-timeout";
    public static final String CONNECT_TIMEOUT = PREFIX + "connect-timeout";
    public static final String RETRY_TIMEOUT = PREFIX + "retry-timeout";

    /** Every key this store reads. */
    public static final Set<String> KEYS = Set.of(POOL_SIZE, SOCKET_TIMEOUT, CONNECT_TIMEOUT, RETRY_TIMEOUT);

    public PostgresStoreConfig {
        if (poolSize < 1 || poolSize > 1000) {
            throw new InvalidInputException(POOL_SIZE, "must be between 1 and 1000, was " + poolSize);
        }
        requireRange(socketTimeout, Duration.ofSeconds(1), Duration.ofHours(1), SOCKET_TIMEOUT);
        requireRange(connectTimeout, Duration.ofSeconds(1), Duration.ofMinutes(10), CONNECT_TIMEOUT);
        requireRange(retryTimeout, Duration.ZERO, Duration.ofDays(1), RETRY_TIMEOUT);
    }

    /** The defaults: 10 connections, 30 s socket timeout, 10 s connect timeout, 30 s of retries. */
    public static PostgresStoreConfig defaults() {
        return new PostgresStoreConfig(10, Duration.ofSeconds(30), Duration.ofSeconds(10), Duration.ofSeconds(30));
    }

    /**
     * Reads the {@code hive.postgresql.*} keys of {@code properties} over the defaults; other keys
     * are not this store's business.
     */
    public static PostgresStoreConfig from(Map<String, String> properties) {
        Set<String> unknown = new TreeSet<>();
        for (String key : properties.keySet()) {
            if (key.startsWith(PREFIX) && !KEYS.contains(key)) {
                unknown.add(key);
            }
        }
        if (!unknown.isEmpty()) {
            throw new InvalidInputException(unknown.iterator().next(),
                    "is not a PostgreSQL setting; known: " + new TreeSet<>(KEYS));
        }
        PostgresStoreConfig d = defaults();
        return new PostgresStoreConfig(
                properties.containsKey(POOL_SIZE) ? parseInt(properties.get(POOL_SIZE), POOL_SIZE) : d.poolSize(),
                properties.containsKey(SOCKET_TIMEOUT)
                        ? parseDuration(properties.get(SOCKET_TIMEOUT), SOCKET_TIMEOUT) : d.socketTimeout(),
                properties.containsKey(CONNECT_TIMEOUT)
                        ? parseDuration(properties.get(CONNECT_TIMEOUT), CONNECT_TIMEOUT) : d.connectTimeout(),
                properties.containsKey(RETRY_TIMEOUT)
                        ? parseDuration(properties.get(RETRY_TIMEOUT), RETRY_TIMEOUT) : d.retryTimeout());
    }

    /** Milliseconds as a plain number, or a number with unit ms, s or m (e.g. 500ms, 5s, 1m). */
    private static Duration parseDuration(String value, String key) {
        String text = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
        long factor = 1;
        if (text.endsWith("ms")) {
            text = text.substring(0, text.length() - 2);
        } else if (text.endsWith("s")) {
            text = text.substring(0, text.length() - 1);
            factor = 1000;
        } else if (text.endsWith("m")) {
            text = text.substring(0, text.length() - 1);
            factor = 60_000;
        }
        long amount;
        try {
            amount = Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw new InvalidInputException(key, "must be a number of milliseconds (or with unit ms, s, m), was '"
                    + value + "'", e);
        }
        if (amount < 0) {
            throw new InvalidInputException(key, "must not be negative, was '" + value + "'");
        }
        try {
            return Duration.ofMillis(Math.multiplyExact(amount, factor));
        } catch (ArithmeticException e) {
            throw new InvalidInputException(key, "is too large, was '" + value + "'", e);
        }
    }

    private static int parseInt(String value, String key) {
        try {
            return Integer.parseInt(value == null ? "" : value.trim());
        } catch (NumberFormatException e) {
            throw new InvalidInputException(key, "must be a whole number, was '" + value + "'", e);
        }
    }

    private static void requireRange(Duration value, Duration min, Duration max, String key) {
        if (value == null) {
            throw new InvalidInputException(key, "must not be null");
        }
        if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
            throw new InvalidInputException(key, "must be between " + min.toMillis() + " and " + max.toMillis()
                    + " ms, was " + value.toMillis());
        }
    }
}
