package dev.agenthive.tck.cache;

import dev.agenthive.api.cache.CacheRegion;
import dev.agenthive.api.cache.CacheStats;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The textbook cache-aside, wrong on purpose: a miss loads and then puts, so a load that read the
 * store before a write installs its old value after the write's invalidation. The cache tools must
 * catch it.
 */
final class NaiveCacheAside<V> implements CacheRegion<V> {
    private final Map<String, V> entries;

    /** A cache of its own. */
    NaiveCacheAside() {
        this(new ConcurrentHashMap<>());
    }

    /** A handle on {@code entries}, which other handles share as processes share a Redis. */
    NaiveCacheAside(Map<String, V> entries) {
        this.entries = entries;
    }

    @Override
    public String name() {
        return "naive";
    }

    @Override
    public Optional<V> getIfPresent(String key) {
        return Optional.ofNullable(entries.get(key));
    }

    @Override
    public V get(String key, Function<String, ? extends V> loader) {
        V cached = entries.get(key);
        if (cached != null) {
            return cached;
        }
        V loaded = loader.apply(key);
        if (loaded != null) {
            entries.put(key, loaded);
        }
        return loaded;
    }

    @Override
    public void invalidate(String key) {
        entries.remove(key);
    }

    @Override
    public void invalidateAll(Collection<String> keys) {
        keys.forEach(entries::remove);
    }

    @Override
    public void invalidateAll() {
        entries.clear();
    }

    @Override
    public CacheStats stats() {
        return CacheStats.EMPTY;
    }
}
