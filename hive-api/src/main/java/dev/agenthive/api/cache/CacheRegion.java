package dev.agenthive.api.cache;

import java.util.Collection;
import java.util.Optional;
import java.util.function.Function;

/**
 * One region of a {@link Cache}: string keys to immutable values of one type, with its own bounds.
 *
 * <p>The contract every implementation keeps, and the cache TCK checks:
 * <ul>
 *   <li>After {@link #invalidate} returns, no call of this region (in any process sharing the cache,
 *       for a {@link Cache#shared() shared} cache) returns a value that was loaded or put before the
 *       invalidation started.</li>
 *   <li>No stale set: a {@link #get(String, Function) load} that began before an invalidation of its
 *       key never installs its result after that invalidation, however the threads interleave. The
 *       value it loaded is still returned to its own caller, who asked before the write.</li>
 *   <li>A failure of the cache itself (a lost connection) never reaches the caller of {@code get}:
 *       the loader's value is returned uncached. Failures of the loader reach the caller unchanged
 *       and nothing is cached.</li>
 * </ul>
 *
 * @param <V> the type of the values
 */
public interface CacheRegion<V> {

    /** The region's name, e.g. {@code "agents"}. */
    String name();

    /** The cached value of {@code key}, without loading. */
    Optional<V> getIfPresent(String key);

    /**
     * The cached value of {@code key}, or else the loader's value, cached unless the key was
     * invalidated while the loader ran. A {@code null} from the loader (nothing to cache, e.g. an
     * unknown id) is returned as {@code null} and not cached.
     */
    V get(String key, Function<String, ? extends V> loader);

    /** Drops the entry of {@code key} and cancels loads of it in flight. */
    void invalidate(String key);

    /** Drops the entries of {@code keys} and cancels loads of them in flight. */
    void invalidateAll(Collection<String> keys);

    /** Drops every entry of the region and cancels every load in flight. */
    void invalidateAll();

    /** Counters of this region since the cache was opened, in this process. */
    CacheStats stats();
}
