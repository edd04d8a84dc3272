package dev.agenthive.bench;

import dev.agenthive.core.Hive;
import dev.agenthive.core.config.HiveConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/**
 * Opens Agent Hive on a benchmark database, the way an application would: one URL, default settings,
 * except that the blob store is in the contender's own directory rather than in the working directory.
 */
final class Hives {
    private static final String POOL_SIZE = "hive.postgresql.pool-size";
    /**
     * {@code -Dbench.meters=simple} gives every hive its own Micrometer {@code SimpleMeterRegistry}, to
     * measure what the meters cost; unset, hives keep no meters. Not a {@code hive.*} property, which
     * the configuration would refuse as an unknown key.
     */
    private static final String METERS_PROPERTY = "bench.meters";
    private static final String METERS_PROPERTY_SIMPLE = "simple";

    private Hives() {
    }

    /** Agent Hive with every setting at its default. */
    static Hive open(BenchTarget target) {
        return open(target, 0);
    }

    /**
     * Agent Hive with, on PostgreSQL, a pool of {@code connections} (0: the default), so it may use as
     * many connections as the floor it is compared with.
     */
    static Hive open(BenchTarget target, int connections) {
        return open(target, connections, null);
    }

    /**
     * Like {@link #open(BenchTarget, int)} with the cache at {@code cacheUrl} ({@code null}: the
     * default). An in-process cache over PostgreSQL accepts the staleness of its asynchronous change
     * notices, since without that setting it is not used there at all.
     */
    static Hive open(BenchTarget target, int connections, String cacheUrl) {
        return open(target, connections, cacheUrl, Map.of());
    }

    /** Like {@link #open(BenchTarget, int, String)} with {@code settings} on top, e.g. the inline limit of content. */
    static Hive open(BenchTarget target, int connections, String cacheUrl, Map<String, String> settings) {
        HiveConfig.Builder config = HiveConfig.builder().storageUrl(storageUrl(target)).blobUrl(blobUrl(target));
        if (cacheUrl != null) {
            config.cacheUrl(cacheUrl);
            if (cacheUrl.startsWith("caffeine:") && "postgresql".equals(target.store())) {
                config.set(HiveConfig.CACHE_ASYNC_INVALIDATION, "true");
            }
        }
        if (connections > 0 && "postgresql".equals(target.store())) {
            config.set(POOL_SIZE, Integer.toString(connections));
        }
        settings.forEach(config::set);
        return METERS_PROPERTY_SIMPLE.equals(System.getProperty(METERS_PROPERTY))
                ? Hive.open(config.build(), new SimpleMeterRegistry())
                : Hive.open(config.build());
    }

    /** The folder of the contender's file blob store, inside its own directory. */
    static Path blobFolder(BenchTarget target) {
        return target.workDir().resolve("blobs");
    }

    /** {@link #blobFolder} as a {@code hive.blob.url}. */
    static String blobUrl(BenchTarget target) {
        return "file:" + blobFolder(target);
    }

    /** The target as a storage URL: the JDBC URL, with the credentials as driver options on PostgreSQL. */
    static String storageUrl(BenchTarget target) {
        if (!"postgresql".equals(target.store())) {
            return target.jdbcUrl();
        }
        StringBuilder url = new StringBuilder(target.jdbcUrl()).append(target.jdbcUrl().contains("?") ? '&' : '?')
                .append("user=").append(encode(target.user()));
        if (target.password() != null) {
            url.append("&password=").append(encode(target.password()));
        }
        return url.toString();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
