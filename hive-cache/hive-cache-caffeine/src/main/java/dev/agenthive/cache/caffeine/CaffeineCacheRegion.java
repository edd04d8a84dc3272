package dev.agenthive.cache.caffeine;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.RemovalCause;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.agenthive.api.Checks;
import dev.agenthive.api.cache.CacheCodec;
import dev.agenthive.api.cache.CacheRegion;
import dev.agenthive.api.cache.CacheRegionSpec;
import dev.agenthive.api.cache.CacheStats;

import java.util.Collection;
import java.util.Optional;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;

/**
 * One region: a Caffeine cache whose values are either cached values or the {@link Lease} of a load
 * in flight.
 *
 * <p>Why leases: Caffeine's own {@code get(key, loader)} runs the loader under the lock of the key's
 * hash bin, so an invalidation of that key (or of a neighbour) would wait for a database read. Here
 * a miss puts a lease of its own with {@code putIfAbsent}, runs the loader holding no lock, and
 * installs its value with {@code replace(key, lease, value)}, which succeeds only if that very lease
 * is still there. Every invalidation removes whatever the key holds, value or lease, so a load that
 * began before it can no longer install. The interleavings:
 * <ul>
 *   <li>an invalidation during the load removes the lease: the replace fails and the caller gets its
 *       value uncached; a load that starts after the invalidation takes a new lease and installs, and
 *       the old load's replace fails against that lease as well (a lease equals only itself);</li>
 *   <li>a second load of a key whose lease is held loads for its own caller and caches nothing: it
 *       does not wait for the first (that would hold a caller for another's read) and does not
 *       install (two installers would need a rule for which value is newer);</li>
 *   <li>a loader that returns {@code null} or throws removes its own lease, and only its own;</li>
 *   <li>a lease weighs 0, so it never counts against {@code maxEntries} nor pushes a value out; it
 *       still ages, and a lease that expires under a load slower than the TTL only means that load
 *       caches nothing.</li>
 * </ul>
 */
final class CaffeineCacheRegion<V> implements CacheRegion<V> {
    private final String name;
    private final CacheCodec<V> codec;
    private final AtomicBoolean cacheClosed;
    private final Cache<String, Object> entries;
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();
    private final LongAdder loads = new LongAdder();
    private final LongAdder loadNanos = new LongAdder();
    private final LongAdder evictions = new LongAdder();
    private final LongAdder invalidations = new LongAdder();

    CaffeineCacheRegion(CacheRegionSpec<V> spec, Ticker ticker, AtomicBoolean cacheClosed) {
        this.name = spec.name();
        this.codec = spec.codec();
        this.cacheClosed = cacheClosed;
        this.entries = Caffeine.newBuilder()
                .maximumWeight(spec.maxEntries())
                .weigher((String key, Object value) -> value instanceof Lease ? 0 : 1)
                .expireAfterWrite(spec.ttl())
                .ticker(ticker)
                // Maintenance (eviction, expiry) on the calling threads instead of the common
                // ForkJoinPool, which the application shares: it is amortised and never waits, and the
                // bound and the eviction count hold as soon as a write returns.
                .executor(Runnable::run)
                .evictionListener(this::evicted)
                .build();
    }

    /** An identity-only token: the mark of one load in flight. A record would equal every other lease. */
    private static final class Lease {
    }

    @Override
    public String name() {
        return name;
    }

    /** The codec the region was made with, compared when the region is asked for again. */
    CacheCodec<V> codec() {
        return codec;
    }

    @Override
    public Optional<V> getIfPresent(String key) {
        Checks.notNull(key, "key");
        Object cached = entries.getIfPresent(key);
        if (isValue(cached)) {
            hits.increment();
            return Optional.of(cast(cached));
        }
        misses.increment();
        return Optional.empty();
    }

    @Override
    public V get(String key, Function<String, ? extends V> loader) {
        Checks.notNull(key, "key");
        Checks.notNull(loader, "loader");
        Object cached = entries.getIfPresent(key);
        if (isValue(cached)) {
            hits.increment();
            return cast(cached);
        }
        if (cacheClosed.get()) {
            misses.increment();
            return load(key, loader);
        }
        ConcurrentMap<String, Object> map = entries.asMap();
        Lease lease = new Lease();
        Object current = map.putIfAbsent(key, lease);
        if (isValue(current)) {
            // Another load installed its value between the two looks: it is as fresh as a hit.
            hits.increment();
            return cast(current);
        }
        misses.increment();
        if (current != null) {
            return load(key, loader);
        }
        V value = null;
        try {
            value = load(key, loader);
            return value;
        } finally {
            if (value == null) {
                // A null or a failure: give the lease back, unless an invalidation already took it.
                map.remove(key, lease);
            } else {
                // Installs only while this lease is still there: no invalidation since the load began.
                map.replace(key, lease, value);
            }
        }
    }

    private V load(String key, Function<String, ? extends V> loader) {
        long start = System.nanoTime();
        try {
            V value = loader.apply(key);
            if (value != null) {
                loads.increment();
            }
            return value;
        } finally {
            loadNanos.add(System.nanoTime() - start);
        }
    }

    /** Removes the value or the lease of {@code key}: a load holding the removed lease can no longer install. */
    @Override
    public void invalidate(String key) {
        Checks.notNull(key, "key");
        if (isValue(entries.asMap().remove(key))) {
            invalidations.increment();
        }
    }

    @Override
    public void invalidateAll(Collection<String> keys) {
        Checks.notNull(keys, "keys");
        keys.forEach(key -> Checks.notNull(key, "keys"));
        keys.forEach(this::invalidate);
    }

    /**
     * Removes every key the region holds when the call begins, leases included. Key by key rather than
     * Caffeine's {@code invalidateAll()}, to count the values dropped; a key the iteration misses was
     * added after the call began, by a load that reads the store after the write.
     */
    @Override
    public void invalidateAll() {
        entries.asMap().keySet().forEach(this::invalidate);
    }

    /**
     * The counters. {@code errors} is always 0: the entries are a map on this heap, with no failure
     * of their own for the loader to answer.
     */
    @Override
    public CacheStats stats() {
        return new CacheStats(hits.sum(), misses.sum(), loads.sum(), loadNanos.sum(), evictions.sum(),
                invalidations.sum(), 0);
    }

    /** Values held, leases not counted (they weigh 0); as of Caffeine's last maintenance. */
    long entries() {
        return entries.policy().eviction().orElseThrow().weightedSize().orElseThrow();
    }

    /** Caffeine's eviction listener: called for size and age evictions only, never for invalidations. */
    private void evicted(String key, Object value, RemovalCause cause) {
        // An expired lease was never an entry: its load just caches nothing.
        if (isValue(value)) {
            evictions.increment();
        }
    }

    private static boolean isValue(Object entry) {
        return entry != null && !(entry instanceof Lease);
    }

    @SuppressWarnings("unchecked")
    private V cast(Object value) {
        // Only loaders of this region put values here, and they return V.
        return (V) value;
    }
}
