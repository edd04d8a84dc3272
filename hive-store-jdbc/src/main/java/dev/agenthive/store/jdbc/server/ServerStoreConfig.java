package dev.agenthive.store.jdbc.server;

import dev.agenthive.api.error.InvalidInputException;
import dev.agenthive.api.spi.Durations;
import dev.agenthive.store.jdbc.JsonLimits;
import dev.agenthive.store.jdbc.StoreProperties;
import dev.agenthive.store.jdbc.blob.JdbcBlobStore;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The {@code hive.<provider>.*} settings of a store on a database server, and its blob limit,
 * immutable once the store is open. Unknown keys and bad values fail with an
 * {@link InvalidInputException} naming the key; nothing is clamped.
 *
 * @param provider       the provider's name, which the keys carry: {@code hive.postgresql.pool-size}
 * @param poolSize       connections of the pool, 1..1000 ({@code pool-size})
 * @param socketTimeout  the driver's socket timeout: no call waits longer for the server, so a frozen
 *                       network fails a caller instead of hanging it, 1 s .. 1 h ({@code socket-timeout})
 * @param connectTimeout how long opening a connection, or waiting for a free one, may take,
 *                       1 s .. 10 min ({@code connect-timeout})
 * @param retryTimeout   how long a transaction that met a serialization failure or deadlock is run
 *                       again (with jittered backoff) before the caller gets a
 *                       {@link dev.agenthive.api.error.StorageUnavailableException}, 0 .. 1 day
 *                       ({@code retry-timeout})
 * @param idleInTransactionTimeout how long the server lets a session sit idle inside an open
 *                       transaction before it ends the session, rolling back and releasing its row
 *                       locks: a client cut off by a frozen network, or one that died mid-transaction,
 *                       otherwise holds them until its socket dies, which may be hours. PostgreSQL's
 *                       {@code idle_in_transaction_session_timeout}, MariaDB's
 *                       {@code idle_transaction_timeout} (whole seconds); 1 s .. 1 day
 *                       ({@code idle-in-transaction-timeout})
 * @param maxBlobBytes   the largest blob the store's own blob table accepts: the core's
 *                       {@code hive.blob.max-bytes}, which every store reads, carried here with the
 *                       store's own settings ({@link JdbcBlobStore#maxBlobBytes(Map)})
 * @param jsonLimits     the core's {@code hive.json.*} limits, which every store enforces on the JSON it
 *                       takes ({@link JsonLimits#from(Map)})
 */
public record ServerStoreConfig(String provider, int poolSize, Duration socketTimeout, Duration connectTimeout,
                                Duration retryTimeout, Duration idleInTransactionTimeout, long maxBlobBytes,
                                JsonLimits jsonLimits) {

    public ServerStoreConfig {
        Objects.requireNonNull(provider, "provider is null");
        StoreProperties.requireRange(poolSize, 1, 1000, key(provider, "pool-size"));
        StoreProperties.requireRange(socketTimeout, Duration.ofSeconds(1), Duration.ofHours(1),
                key(provider, "socket-timeout"));
        StoreProperties.requireRange(connectTimeout, Duration.ofSeconds(1), Duration.ofMinutes(10),
                key(provider, "connect-timeout"));
        StoreProperties.requireRange(retryTimeout, Duration.ZERO, Duration.ofDays(1), key(provider, "retry-timeout"));
        StoreProperties.requireRange(idleInTransactionTimeout, Duration.ofSeconds(1), Duration.ofDays(1),
                key(provider, "idle-in-transaction-timeout"));
        JdbcBlobStore.requireMaxBlobBytes(maxBlobBytes);
        Objects.requireNonNull(jsonLimits, "jsonLimits is null");
    }

    /**
     * The defaults: 10 connections, 30 s socket timeout, 10 s connect timeout, 30 s of retries, sessions
     * idle in a transaction ended after 60 s (no store transaction waits on its client that long),
     * 256 MiB blobs, the core's JSON limits.
     */
    public static ServerStoreConfig defaults(String provider) {
        return new ServerStoreConfig(provider, 10, Duration.ofSeconds(30), Duration.ofSeconds(10), Duration.ofSeconds(30),
                Duration.ofSeconds(60), JdbcBlobStore.DEFAULT_MAX_BYTES, JsonLimits.DEFAULTS);
    }

    /** Every key the provider reads. */
    public static Set<String> keys(String provider) {
        return Set.of(key(provider, "pool-size"), key(provider, "socket-timeout"), key(provider, "connect-timeout"),
                key(provider, "retry-timeout"), key(provider, "idle-in-transaction-timeout"));
    }

    /** {@code hive.<provider>.<name>}. */
    public static String key(String provider, String name) {
        return "hive." + provider + "." + name;
    }

    /**
     * Reads the provider's keys of {@code properties} over the defaults; other keys are not this
     * store's business.
     *
     * @param store names the store in messages, e.g. {@code "PostgreSQL"}
     */
    public static ServerStoreConfig from(String provider, String store, Map<String, String> properties) {
        StoreProperties.requireKnownKeys(properties, "hive." + provider + ".", keys(provider), store);
        ServerStoreConfig d = defaults(provider);
        return new ServerStoreConfig(provider,
                read(properties, key(provider, "pool-size"), StoreProperties::wholeInt, d.poolSize()),
                read(properties, key(provider, "socket-timeout"), (value, key) -> Durations.parse(key, value), d.socketTimeout()),
                read(properties, key(provider, "connect-timeout"), (value, key) -> Durations.parse(key, value), d.connectTimeout()),
                read(properties, key(provider, "retry-timeout"), (value, key) -> Durations.parse(key, value), d.retryTimeout()),
                read(properties, key(provider, "idle-in-transaction-timeout"), (value, key) -> Durations.parse(key, value),
                        d.idleInTransactionTimeout()),
                JdbcBlobStore.maxBlobBytes(properties), JsonLimits.from(properties));
    }

    private static <T> T read(Map<String, String> properties, String key, Parser<T> parser, T fallback) {
        return properties.containsKey(key) ? parser.parse(properties.get(key), key) : fallback;
    }

    @FunctionalInterface
    private interface Parser<T> {
        T parse(String value, String key);
    }
}
