package dev.agenthive.api.cache;

/**
 * Counters of a region (or of a whole cache, summed) since it was opened, in this process.
 *
 * @param hits          reads answered from the cache
 * @param misses        reads that went to the loader (or found nothing, without one)
 * @param loads         loader calls that returned a value
 * @param loadNanos     time spent in the loader, summed
 * @param evictions     entries dropped for size or age (not invalidations)
 * @param invalidations keys invalidated (each key of a batch counts)
 * @param errors        operations on the cache itself that failed and were answered by the loader
 */
public record CacheStats(long hits, long misses, long loads, long loadNanos, long evictions,
                         long invalidations, long errors) {

    /** All zero. */
    public static final CacheStats EMPTY = new CacheStats(0, 0, 0, 0, 0, 0, 0);

    /** Hits over reads; 0 when nothing was read. */
    public double hitRatio() {
        long reads = hits + misses;
        return reads == 0 ? 0.0 : (double) hits / reads;
    }

    /** Mean loader time in nanoseconds; 0 without loads. */
    public double averageLoadNanos() {
        return loads == 0 ? 0.0 : (double) loadNanos / loads;
    }

    /** The sum of both counters. */
    public CacheStats plus(CacheStats other) {
        return new CacheStats(hits + other.hits, misses + other.misses, loads + other.loads,
                loadNanos + other.loadNanos, evictions + other.evictions,
                invalidations + other.invalidations, errors + other.errors);
    }
}
