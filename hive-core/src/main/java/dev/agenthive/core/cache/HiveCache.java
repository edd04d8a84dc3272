package dev.agenthive.core.cache;

import dev.agenthive.api.cache.Cache;
import dev.agenthive.api.cache.CacheCodec;
import dev.agenthive.api.cache.CacheHealth;
import dev.agenthive.api.cache.CacheRegion;
import dev.agenthive.api.cache.CacheRegionSpec;
import dev.agenthive.api.cache.CacheStats;
import dev.agenthive.api.cache.ChangeFeed;
import dev.agenthive.api.cache.ChangeListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Read-through caching for the services. A read asks the store's change feed first (so that other
 * processes' writes are dropped before the lookup), then the region; a write invalidates its keys
 * here and publishes them to the other processes after it committed, before it returns.
 *
 * <p>A process-local cache over a store without a {@link ChangeFeed} would never hear of other
 * processes' writes, so that combination caches nothing; a {@link Cache#shared() shared} cache
 * carries its own invalidations and does not listen to the feed. Whatever this process caches, it
 * publishes its writes to the feed it is given, since other processes sharing the store may cache
 * in-process. The store owns the feed: this class never closes it.
 *
 * <p>The cache is never the source of truth and never fails a call: a failing region read is
 * answered by the loader, a failing invalidation or publication is logged and counted.
 */
public final class HiveCache implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HiveCache.class);

    private final Cache cache;
    /** Where other processes' writes are heard; only with a process-local cache. */
    private final ChangeFeed listened;
    /** Where this process's writes are announced, whether or not it caches. */
    private final ChangeFeed published;
    private final RegionBounds bounds;
    private final String keyPrefix;
    private final String disabledReason;
    private final Map<String, Region<?>> regions = new ConcurrentHashMap<>();
    private final AtomicLong failures = new AtomicLong();

    private HiveCache(Cache cache, ChangeFeed listened, ChangeFeed published, RegionBounds bounds, String keyPrefix,
                      String disabledReason) {
        this.cache = cache;
        this.listened = listened;
        this.published = published;
        this.bounds = bounds;
        this.keyPrefix = keyPrefix;
        this.disabledReason = disabledReason;
        if (listened != null) {
            listened.listen(new FeedListener());
        }
    }

    /** Caching off: every read goes to the store; writes still go out to {@code publishTo}. */
    public static HiveCache disabled(String reason, Optional<ChangeFeed> publishTo) {
        return new HiveCache(null, null, publishTo.orElse(null), RegionBounds.DEFAULT, "",
                Objects.requireNonNull(reason, "reason is null"));
    }

    /**
     * Caching through {@code cache}. A process-local cache needs the store's {@code feed}, and a
     * synchronous one unless {@code asyncInvalidation} accepts staleness until delivery; otherwise
     * the cache is closed and caching is off, with the reason logged. Writes are published to a
     * synchronous feed always, and to an asynchronous one when {@code asyncInvalidation} is set (every
     * process sharing such a store must set it alike).
     *
     * @param storeLocation where the store's data lives; a shared cache keeps each store's entries
     *                      apart by it, so that hives of different stores may share one Redis
     */
    public static HiveCache over(Cache cache, Optional<ChangeFeed> feed, RegionBounds bounds,
                                 boolean asyncInvalidation, String storeLocation) {
        Objects.requireNonNull(cache, "cache is null");
        Objects.requireNonNull(bounds, "bounds is null");
        Optional<ChangeFeed> publishTo = publishing(feed, asyncInvalidation);
        if (cache.shared()) {
            return new HiveCache(cache, null, publishTo.orElse(null), bounds, storeTag(storeLocation), null);
        }
        String reason = null;
        if (feed.isEmpty()) {
            reason = "the store tells other processes of no change, so a process-local cache could serve "
                    + "their writes stale; use a shared cache (redis://) to cache over this store";
        } else if (!feed.get().synchronous() && !asyncInvalidation) {
            reason = "the store tells other processes of changes asynchronously, so a process-local cache could "
                    + "serve another process's write stale until the notice arrives; set "
                    + "hive.cache.async-invalidation=true to accept that, or use a shared cache (redis://)";
        }
        if (reason != null) {
            cache.close();
            LOG.info("Caching off: {}", reason);
            return disabled(reason, publishTo);
        }
        return new HiveCache(cache, feed.get(), feed.get(), bounds, "", null);
    }

    /**
     * The feed this process announces its writes on: a synchronous one always, an asynchronous one
     * only when its staleness is accepted (otherwise no process caches over it, and announcing would
     * cost a round trip per write for nothing).
     */
    public static Optional<ChangeFeed> publishing(Optional<ChangeFeed> feed, boolean asyncInvalidation) {
        return feed.filter(f -> f.synchronous() || asyncInvalidation);
    }

    /** A short, stable tag of a store location, so that keys stay short whatever the location. */
    private static String storeTag(String storeLocation) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(Objects.requireNonNull(storeLocation, "storeLocation is null").getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 6) + "/";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** Whether reads go through a cache. */
    public boolean enabled() {
        return cache != null;
    }

    /** Why caching is off, when it is. */
    public Optional<String> disabledReason() {
        return Optional.ofNullable(disabledReason);
    }

    /**
     * The region {@code name}, bounded by the configured bounds of that name. Called once per region
     * while the services are wired.
     */
    public <V> Region<V> region(String name, CacheCodec<V> codec) {
        Region<V> region = new Region<>(name, cache == null ? null
                : cache.region(new CacheRegionSpec<>(name, bounds.maxEntries(name), bounds.ttl(name), codec)));
        if (regions.putIfAbsent(name, region) != null) {
            throw new IllegalStateException("cache region " + name + " is wired twice");
        }
        return region;
    }

    /** Counters of every region, by name. */
    public Map<String, CacheStats> statsByRegion() {
        Map<String, CacheStats> stats = new TreeMap<>();
        regions.forEach((name, region) -> stats.put(name, region.stats()));
        return stats;
    }

    /** Counters of all regions together. */
    public CacheStats stats() {
        return statsByRegion().values().stream().reduce(CacheStats.EMPTY, CacheStats::plus);
    }

    /** Reads, invalidations and publications that failed in the cache and were answered without it. */
    public long failures() {
        return failures.get();
    }

    /** The cache's own health, when caching is on. */
    public Optional<CacheHealth> health() {
        if (cache == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(cache.health());
        } catch (RuntimeException e) {
            return Optional.of(new CacheHealth(CacheHealth.Status.DEGRADED, "unknown", "unknown",
                    Map.of("error", String.valueOf(e.getMessage()))));
        }
    }

    /** Closes the cache (the feed is the store's). */
    @Override
    public void close() {
        if (cache != null) {
            cache.close();
        }
    }

    private void failed(String what, RuntimeException e) {
        long count = failures.incrementAndGet();
        // A cache that is down fails every call; one line per thousand keeps the log readable.
        if (count == 1 || count % 1000 == 0) {
            LOG.warn("Cache {} failed ({} failures so far); answered without the cache: {}", what, count, e.toString());
        }
        LOG.debug("Cache failure", e);
    }

    private void catchUp() {
        if (listened != null) {
            listened.catchUp();
        }
    }

    /** One region of hot state as the services use it. */
    public final class Region<V> {
        private final String name;
        private final CacheRegion<V> region;

        private Region(String name, CacheRegion<V> region) {
            this.name = name;
            this.region = region;
        }

        /**
         * The cached value of {@code key} or the loader's. A {@code null} from the loader is returned
         * and not cached. Failures of the loader reach the caller unchanged; failures of the cache
         * are answered by calling the loader.
         */
        public V read(String key, Supplier<V> loader) {
            if (region == null) {
                return loader.get();
            }
            try {
                catchUp();
                return region.get(keyPrefix.isEmpty() ? key : keyPrefix + key, k -> {
                    try {
                        return loader.get();
                    } catch (RuntimeException e) {
                        throw new LoaderFailure(e);
                    }
                });
            } catch (LoaderFailure e) {
                throw e.failure();
            } catch (RuntimeException e) {
                failed("read of " + name, e);
                return loader.get();
            }
        }

        /** Drops {@code key} here and in every process, after a write of it committed. */
        public void invalidate(String key) {
            invalidate(List.of(key));
        }

        /** Drops {@code keys} here and in every process, after a write of them committed. */
        public void invalidate(Collection<String> keys) {
            if (keys.isEmpty()) {
                return;
            }
            if (region != null) {
                try {
                    region.invalidateAll(keyPrefix.isEmpty() ? keys : keys.stream().map(keyPrefix::concat).toList());
                } catch (RuntimeException e) {
                    failed("invalidation in " + name, e);
                }
            }
            if (published != null) {
                try {
                    published.publish(name, keys);
                } catch (RuntimeException e) {
                    failed("publication of " + name, e);
                }
            }
        }

        /** Drops every entry here and in every process, after a write whose keys are not known committed. */
        public void invalidateAll() {
            if (region != null) {
                try {
                    region.invalidateAll();
                } catch (RuntimeException e) {
                    failed("invalidation of " + name, e);
                }
            }
            if (published != null) {
                try {
                    published.publishAll(name);
                } catch (RuntimeException e) {
                    failed("publication of " + name, e);
                }
            }
        }

        CacheStats stats() {
            if (region == null) {
                return CacheStats.EMPTY;
            }
            try {
                return region.stats();
            } catch (RuntimeException e) {
                return CacheStats.EMPTY;
            }
        }

        private void dropLocally(Collection<String> keys) {
            if (region != null) {
                region.invalidateAll(keys);
            }
        }

        private void dropLocally() {
            if (region != null) {
                region.invalidateAll();
            }
        }
    }

    /** Other processes' writes, applied to this process's regions only (never published again). */
    private final class FeedListener implements ChangeListener {
        @Override
        public void changed(String region, Collection<String> keys) {
            Region<?> target = regions.get(region);
            if (target != null) {
                target.dropLocally(keys);
            }
        }

        @Override
        public void changedAll(String region) {
            Region<?> target = regions.get(region);
            if (target != null) {
                target.dropLocally();
            }
        }

        @Override
        public void unknownChanges() {
            regions.values().forEach(Region::dropLocally);
        }
    }

    /** Carries a loader's own failure through the cache so that it is told apart from the cache's. */
    private static final class LoaderFailure extends RuntimeException {
        LoaderFailure(RuntimeException failure) {
            super(failure.getMessage(), failure, false, false);
        }

        RuntimeException failure() {
            return (RuntimeException) getCause();
        }
    }

    /**
     * Entry bounds per region: a region's own {@code hive.cache.<region>.*} values where set, else
     * the defaults.
     *
     * @param maxEntries default most entries of a region
     * @param ttl        default age after which an entry is dropped
     * @param perRegion  region name to its own bounds
     */
    public record RegionBounds(long maxEntries, Duration ttl, Map<String, Bounds> perRegion) {
        static final RegionBounds DEFAULT = new RegionBounds(10_000, Duration.ofMinutes(10), Map.of());

        public RegionBounds {
            perRegion = Map.copyOf(perRegion);
        }

        long maxEntries(String region) {
            Bounds own = perRegion.get(region);
            return own != null && own.maxEntries() != null ? own.maxEntries() : maxEntries;
        }

        Duration ttl(String region) {
            Bounds own = perRegion.get(region);
            return own != null && own.ttl() != null ? own.ttl() : ttl;
        }

        /** One region's own bounds; {@code null} parts fall back to the defaults. */
        public record Bounds(Long maxEntries, Duration ttl) {
        }
    }
}
