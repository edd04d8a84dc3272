package dev.agenthive.core;

import dev.agenthive.api.blob.BlobStore;
import dev.agenthive.api.cache.CacheHealth;
import dev.agenthive.api.health.ComponentHealth;
import dev.agenthive.api.health.HealthStatus;
import dev.agenthive.api.health.HiveHealth;
import dev.agenthive.api.notify.Notifier;
import dev.agenthive.api.store.HiveStore;
import dev.agenthive.api.store.StoreHealth;
import dev.agenthive.core.cache.HiveCache;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Puts the parts' own health reports together into one {@link HiveHealth}. Each part is asked once,
 * and a part whose report throws is reported down with that error rather than failing the whole
 * check: {@link Hive#health()} serves probes, which must get an answer.
 */
final class HealthCheck {
    /** The detail in which a store's {@link StoreHealth} (and a cache whose report failed) carries its failure. */
    private static final String STORE_ERROR = "error";
    /** The detail in which a cache's {@link CacheHealth} carries its last failure (the Redis cache's). */
    private static final String CACHE_ERROR = "last-error";

    private final HiveStore store;
    private final Notifier notifier;
    private final HiveCache cache;
    private final BlobStore blobs;

    /** Checks these parts; {@code blobs} is {@code null} when the hive has no blob store. */
    HealthCheck(HiveStore store, Notifier notifier, HiveCache cache, BlobStore blobs) {
        this.store = store;
        this.notifier = notifier;
        this.cache = cache;
        this.blobs = blobs;
    }

    HiveHealth run() {
        Map<String, ComponentHealth> components = new LinkedHashMap<>();
        components.put(HiveHealth.STORE, guarded(this::store));
        components.put(HiveHealth.NOTIFIER, guarded(notifier::health));
        components.put(HiveHealth.CACHE, guarded(this::cache));
        components.put(HiveHealth.BLOB_STORE, blobs == null
                ? ComponentHealth.off("no blob store module on the classpath; large content stays in the rows")
                : guarded(blobs::health));
        return new HiveHealth(components);
    }

    private ComponentHealth store() {
        StoreHealth health = store.health();
        Map<String, String> details = new LinkedHashMap<>(health.details());
        String error = details.remove(STORE_ERROR);
        return new ComponentHealth(health.healthy() ? HealthStatus.UP : HealthStatus.DOWN, health.provider(),
                health.location(), details, error);
    }

    private ComponentHealth cache() {
        Optional<CacheHealth> health = cache.health();
        if (health.isEmpty()) {
            return ComponentHealth.off(cache.disabledReason().orElse("caching is off"));
        }
        CacheHealth cacheHealth = health.get();
        Map<String, String> details = new LinkedHashMap<>(cacheHealth.details());
        String error = Optional.ofNullable(details.remove(CACHE_ERROR)).orElseGet(() -> details.remove(STORE_ERROR));
        HealthStatus status = cacheHealth.status() == CacheHealth.Status.UP ? HealthStatus.UP : HealthStatus.DEGRADED;
        return new ComponentHealth(status, cacheHealth.provider(), cacheHealth.location(), details, error);
    }

    private static ComponentHealth guarded(Supplier<ComponentHealth> check) {
        try {
            return check.get();
        } catch (RuntimeException e) {
            return new ComponentHealth(HealthStatus.DOWN, "unknown", "", Map.of(), String.valueOf(e));
        }
    }
}
