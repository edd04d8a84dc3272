package dev.agenthive.api.cache;

/**
 * Driven port: a cache made of named regions. Opened by a {@link dev.agenthive.api.spi.CacheProvider}
 * chosen by URL ({@code caffeine:}, {@code redis://...}). Thread-safe.
 *
 * <p>The cache is never the source of truth: the core reads through it and invalidates after its
 * writes commit, and every failure of the cache is answered by going to the store.
 */
public interface Cache extends AutoCloseable {

    /**
     * The region described by {@code spec}; asking again for the same name returns a region over the
     * same entries. A region's values must be immutable.
     *
     * @throws dev.agenthive.api.error.InvalidInputException a region of that name exists with another codec
     */
    <V> CacheRegion<V> region(CacheRegionSpec<V> spec);

    /**
     * Whether every process that opens the same cache URL shares its entries (and its invalidations),
     * as with Redis. A cache held inside this process ({@code false}) learns about other processes'
     * writes only through the store's {@link ChangeFeed}.
     */
    boolean shared();

    /** Whether the cache is usable now, with provider facts. Never throws. */
    CacheHealth health();

    /** Releases connections and threads. Idempotent. */
    @Override
    void close();
}
