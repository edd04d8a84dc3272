package dev.agenthive.cache.caffeine;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.agenthive.api.Checks;
import dev.agenthive.api.cache.Cache;
import dev.agenthive.api.cache.CacheHealth;
import dev.agenthive.api.cache.CacheRegion;
import dev.agenthive.api.cache.CacheRegionSpec;
import dev.agenthive.api.error.InvalidInputException;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicBoolean;

/** The cache of one {@code caffeine:} open: its regions by name. */
final class CaffeineCache implements Cache {
    private final Ticker ticker;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final ConcurrentMap<String, CaffeineCacheRegion<?>> regions = new ConcurrentHashMap<>();

    CaffeineCache(Clock clock) {
        // Entry ages follow the settings' clock, so tests can age entries without sleeping. A wall
        // clock set back only keeps entries longer than their TTL, which is a backstop: correctness
        // comes from invalidation.
        this.ticker = () -> {
            Instant now = clock.instant();
            return now.getEpochSecond() * 1_000_000_000L + now.getNano();
        };
    }

    /**
     * The region named by {@code spec}, made on first use with that spec's bounds. Asked again with
     * the same name, the existing region is returned (with its first bounds) when the codecs are equal.
     *
     * @throws InvalidInputException naming {@code name} when the region exists with another codec
     */
    @Override
    public <V> CacheRegion<V> region(CacheRegionSpec<V> spec) {
        Checks.notNull(spec, "spec");
        CaffeineCacheRegion<?> region = regions.computeIfAbsent(spec.name(),
                name -> new CaffeineCacheRegion<>(spec, ticker, closed));
        if (!region.codec().equals(spec.codec())) {
            throw new InvalidInputException("name", "region '" + spec.name() + "' exists with another codec ("
                    + region.codec() + ", asked for " + spec.codec() + ")");
        }
        // Equal codecs make values of one type, so the region made for the first spec fits this one.
        @SuppressWarnings("unchecked")
        CacheRegion<V> typed = (CacheRegion<V>) region;
        return typed;
    }

    /** {@code false}: the entries live in this process's heap. */
    @Override
    public boolean shared() {
        return false;
    }

    @Override
    public CacheHealth health() {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("regions", String.valueOf(regions.size()));
        details.put("entries", String.valueOf(regions.values().stream().mapToLong(CaffeineCacheRegion::entries).sum()));
        if (closed.get()) {
            details.put("state", "closed");
            return new CacheHealth(CacheHealth.Status.DEGRADED, "caffeine", CaffeineCacheProvider.URL, details);
        }
        return new CacheHealth(CacheHealth.Status.UP, "caffeine", CaffeineCacheProvider.URL, details);
    }

    /**
     * Drops every entry and stops caching: a closed cache holds no threads or connections to release,
     * so its regions go on answering every get from the loader, uncached, as a cache that cannot be
     * used does.
     */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            regions.values().forEach(CaffeineCacheRegion::invalidateAll);
        }
    }
}
