package dev.agenthive.store.postgres;

import dev.agenthive.api.error.InvalidInputException;
import dev.agenthive.api.spi.Durations;
import dev.agenthive.store.jdbc.StoreProperties;

import java.time.Duration;
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
        StoreProperties.requireRange(poolSize, 1, 1000, POOL_SIZE);
        StoreProperties.requireRange(socketTimeout, Duration.ofSeconds(1), Duration.ofHours(1), SOCKET_TIMEOUT);
        StoreProperties.requireRange(connectTimeout, Duration.ofSeconds(1), Duration.ofMinutes(10), CONNECT_TIMEOUT);
        StoreProperties.requireRange(retryTimeout, Duration.ZERO, Duration.ofDays(1), RETRY_TIMEOUT);
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
                properties.containsKey(POOL_SIZE) ? StoreProperties.wholeInt(properties.get(POOL_SIZE), POOL_SIZE) : d.poolSize(),
                properties.containsKey(SOCKET_TIMEOUT)
                        ? Durations.parse(SOCKET_TIMEOUT, properties.get(SOCKET_TIMEOUT)) : d.socketTimeout(),
                properties.containsKey(CONNECT_TIMEOUT)
                        ? Durations.parse(CONNECT_TIMEOUT, properties.get(CONNECT_TIMEOUT)) : d.connectTimeout(),
                properties.containsKey(RETRY_TIMEOUT)
                        ? Durations.parse(RETRY_TIMEOUT, properties.get(RETRY_TIMEOUT)) : d.retryTimeout());
    }
}
