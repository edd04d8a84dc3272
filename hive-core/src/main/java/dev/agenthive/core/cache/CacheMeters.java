package dev.agenthive.core.cache;

import dev.agenthive.api.cache.CacheStats;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;

import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

/**
 * The cache regions' counters as Micrometer meters, named as Micrometer's own cache binders name
 * them ({@code cache.gets} tagged {@code result=hit|miss}, {@code cache.evictions}) plus the hit
 * ratio, invalidations, failures answered by the store, and the loads' latency, each tagged with
 * {@code cache=<region>}. The meters read the counters when the registry is scraped, so binding
 * them adds nothing to a read. Micrometer holds a function meter's object weakly, so each meter is
 * built on the {@link HiveCache} itself, which lives as long as the hive: built on anything only the
 * meter refers to, it would read 0 (a gauge NaN) after the first garbage collection.
 */
public final class CacheMeters {
    private CacheMeters() {
    }

    /** Registers the meters of every region of {@code cache} with {@code registry}. */
    public static void bind(HiveCache cache, MeterRegistry registry) {
        for (String region : cache.statsByRegion().keySet()) {
            Tags tags = Tags.of("cache", region);
            counter(registry, "cache.gets", tags.and("result", "hit"), cache, region, CacheStats::hits,
                    "Reads answered from the cache");
            counter(registry, "cache.gets", tags.and("result", "miss"), cache, region, CacheStats::misses,
                    "Reads that went to the store");
            counter(registry, "cache.evictions", tags, cache, region, CacheStats::evictions,
                    "Entries dropped for size or age");
            counter(registry, "cache.invalidations", tags, cache, region, CacheStats::invalidations,
                    "Keys dropped after writes");
            counter(registry, "cache.errors", tags, cache, region, CacheStats::errors,
                    "Cache failures answered by the store");
            Gauge.builder("cache.hit.ratio", cache, c -> stats(c, region).hitRatio()).tags(tags)
                    .description("Hits over reads since the hive opened").register(registry);
            FunctionTimer.builder("cache.loads", cache, c -> stats(c, region).loads(),
                    c -> stats(c, region).loadNanos(), TimeUnit.NANOSECONDS).tags(tags)
                    .description("Loads from the store on a miss").register(registry);
        }
        Gauge.builder("cache.failures", cache, HiveCache::failures).tag("cache", "all")
                .description("Cache calls that failed and were answered without the cache").register(registry);
    }

    private static void counter(MeterRegistry registry, String name, Tags tags, HiveCache cache, String region,
                                ToDoubleFunction<CacheStats> value, String description) {
        FunctionCounter.builder(name, cache, c -> value.applyAsDouble(stats(c, region))).tags(tags)
                .description(description).register(registry);
    }

    private static CacheStats stats(HiveCache cache, String region) {
        return cache.statsByRegion().getOrDefault(region, CacheStats.EMPTY);
    }
}
