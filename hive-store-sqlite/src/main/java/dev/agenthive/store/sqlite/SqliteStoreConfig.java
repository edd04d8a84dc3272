package dev.agenthive.store.sqlite;

import dev.agenthive.api.error.InvalidInputException;
import dev.agenthive.api.spi.Durations;
import dev.agenthive.store.jdbc.JsonLimits;
import dev.agenthive.store.jdbc.StoreProperties;
import dev.agenthive.store.jdbc.blob.JdbcBlobStore;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The {@code hive.sqlite.*} settings, and the store's blob limit, immutable once the store is open.
 * Unknown keys and bad values fail with an {@link InvalidInputException} naming the key; nothing is
 * clamped.
 *
 * @param synchronous        {@code NORMAL} (default: consistent after any crash, may lose the last
 *                           commits on power loss) or {@code FULL} (also durable on power loss)
 * @param busyTimeout        how long one statement waits for another process's lock
 * @param readPoolSize       read connections, 1..64
 * @param maxBatch           most operations one group commit takes, 1..100,000
 * @param writeRetryTimeout  how long a contended write is retried before it fails
 * @param walSizeLimit       bound of the WAL file in bytes: SQLite's {@code journal_size_limit}, and the
 *                           size above which the writer forces a {@code RESTART} checkpoint so that the
 *                           next commit truncates the WAL back to this size even under constant reads
 * @param maxBlobBytes       the largest blob the store's own blob table accepts: the core's
 *                           {@code hive.blob.max-bytes}, which every store reads, carried here with the
 *                           store's own settings ({@link JdbcBlobStore#maxBlobBytes(Map)})
 * @param jsonLimits         the core's {@code hive.json.*} limits, which every store enforces on the
 *                           JSON it takes ({@link JsonLimits#from(Map)})
 */
public record SqliteStoreConfig(
        Synchronous synchronous,
        Duration busyTimeout,
        int readPoolSize,
        int maxBatch,
        Duration writeRetryTimeout,
        long walSizeLimit,
        long maxBlobBytes,
        JsonLimits jsonLimits) {

    public static final String PREFIX = "hive.sqlite.";
    public static final String SYNCHRONOUS = PREFIX + "synchronous";
    public static final String BUSY_TIMEOUT = PREFIX + "busy-timeout";
    public static final String READ_POOL_SIZE = PREFIX + "read-pool-size";
    public static final String MAX_BATCH = PREFIX + "max-batch";
    public static final String WRITE_RETRY_TIMEOUT = PREFIX + "write-retry-timeout";
    public static final String WAL_SIZE_LIMIT = PREFIX + "wal-size-limit";

    /** Every key this store reads. */
    public static final Set<String> KEYS = Set.of(SYNCHRONOUS, BUSY_TIMEOUT, READ_POOL_SIZE, MAX_BATCH,
            WRITE_RETRY_TIMEOUT, WAL_SIZE_LIMIT);

    /** Smallest WAL bound: below it the writer would checkpoint after nearly every commit. */
    public static final long MIN_WAL_SIZE_LIMIT = 1024L * 1024;

    /** SQLite's {@code synchronous} modes this store offers. */
    public enum Synchronous { NORMAL, FULL }

    public SqliteStoreConfig {
        if (synchronous == null) {
            throw new InvalidInputException(SYNCHRONOUS, "must not be null");
        }
        StoreProperties.requireRange(busyTimeout, Duration.ZERO, Duration.ofMillis(Integer.MAX_VALUE), BUSY_TIMEOUT);
        StoreProperties.requireRange(readPoolSize, 1, 64, READ_POOL_SIZE);
        StoreProperties.requireRange(maxBatch, 1, 100_000, MAX_BATCH);
        StoreProperties.requireRange(writeRetryTimeout, Duration.ZERO, Duration.ofDays(1), WRITE_RETRY_TIMEOUT);
        if (walSizeLimit < MIN_WAL_SIZE_LIMIT || walSizeLimit > Integer.MAX_VALUE) {
            throw new InvalidInputException(WAL_SIZE_LIMIT, "must be between " + MIN_WAL_SIZE_LIMIT + " and "
                    + Integer.MAX_VALUE + " bytes, was " + walSizeLimit);
        }
        JdbcBlobStore.requireMaxBlobBytes(maxBlobBytes);
        Objects.requireNonNull(jsonLimits, "jsonLimits is null");
    }

    /** The defaults. */
    public static SqliteStoreConfig defaults() {
        return new SqliteStoreConfig(Synchronous.NORMAL, Duration.ofSeconds(5), 16, 256, Duration.ofSeconds(30),
                16L * 1024 * 1024, JdbcBlobStore.DEFAULT_MAX_BYTES, JsonLimits.DEFAULTS);
    }

    /**
     * Reads the {@code hive.sqlite.*} keys of {@code properties} over the defaults; other keys are
     * not this store's business.
     */
    public static SqliteStoreConfig from(Map<String, String> properties) {
        StoreProperties.requireKnownKeys(properties, PREFIX, KEYS, "SQLite");
        SqliteStoreConfig d = defaults();
        return new SqliteStoreConfig(
                properties.containsKey(SYNCHRONOUS) ? parseSynchronous(properties.get(SYNCHRONOUS)) : d.synchronous(),
                properties.containsKey(BUSY_TIMEOUT) ? Durations.parse(BUSY_TIMEOUT, properties.get(BUSY_TIMEOUT)) : d.busyTimeout(),
                properties.containsKey(READ_POOL_SIZE) ? StoreProperties.wholeInt(properties.get(READ_POOL_SIZE), READ_POOL_SIZE) : d.readPoolSize(),
                properties.containsKey(MAX_BATCH) ? StoreProperties.wholeInt(properties.get(MAX_BATCH), MAX_BATCH) : d.maxBatch(),
                properties.containsKey(WRITE_RETRY_TIMEOUT)
                        ? Durations.parse(WRITE_RETRY_TIMEOUT, properties.get(WRITE_RETRY_TIMEOUT)) : d.writeRetryTimeout(),
                properties.containsKey(WAL_SIZE_LIMIT)
                        ? StoreProperties.wholeLong(properties.get(WAL_SIZE_LIMIT), WAL_SIZE_LIMIT) : d.walSizeLimit(),
                JdbcBlobStore.maxBlobBytes(properties),
                JsonLimits.from(properties));
    }

    private static Synchronous parseSynchronous(String value) {
        String normalized = value == null ? "" : value.trim().toUpperCase(Locale.ROOT);
        for (Synchronous mode : Synchronous.values()) {
            if (mode.name().equals(normalized)) {
                return mode;
            }
        }
        throw new InvalidInputException(SYNCHRONOUS, "must be NORMAL or FULL, was '" + value + "'");
    }
}
