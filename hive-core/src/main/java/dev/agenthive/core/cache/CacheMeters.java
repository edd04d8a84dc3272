package dev.agenthive.core.cache;

import dev.agenthive.api.cache.CacheStats;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;

import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

/**
 * The cache regions' counters as Micrometer meters, named as Micrometer's own cache binders name
 * them ({@code cache.gets} tagged {@code result=hit|miss}, {@code cache.evictions}) plus the hit
 * ratio, invalidations, failures answered by the store, and the loads' latency, each tagged with
 * {@code cache=<region>}. The meters read the counters when the registry is scraped, so binding
 * them adds nothing to a read.
 */
public final class CacheMeters {
    private CacheMeters() {
    }

    /** Registers the meters of every region of {@code cache} with {@code registry}. */
    public static void bind(HiveCache cache, MeterRegistry registry) {
        for (String region : cache.statsByRegion().keySet()) {
            Supplier<CacheStats> stats = () -> cache.statsByRegion().getOrDefault(region, CacheStats.EMPTY);
            Tags tags = Tags.of("cache", region);
            counter(registry, "cache.gets", tags.and("result", "hit"), stats, CacheStats::hits, "Reads answered from the cache");
            counter(registry, "cache.gets", tags.and("result", "miss"), stats, CacheStats::misses, "Reads that went to the store");
            counter(registry, "cache.evictions", tags, stats, CacheStats::evictions, "Entries dropped for size or age");
            counter(registry, "cache.invalidations", tags, stats, CacheStats::invalidations, "Keys dropped after writes");
            counter(registry, "cache.errors", tags, stats, CacheStats::errors, "Cache failures answered by the store");
            Gauge.builder("cache.hit.ratio", stats, s -> s.get().hitRatio()).tags(tags)
                    .description("Hits over reads since the hive opened").register(registry);
            FunctionTimer.builder("cache.loads", stats, s -> s.get().loads(), s -> s.get().loadNanos(),
                    TimeUnit.NANOSECONDS).tags(tags).description("Loads from the store on a miss").register(registry);
        }
        Gauge.builder("cache.failures", cache, HiveCache::failures).tag("cache", "all")
                .description("Cache calls that failed and were answered without the cache").register(registry);
    }

    private static void counter(MeterRegistry registry, String name, Tags tags, Supplier<CacheStats> stats,
                                ToDoubleFunction<CacheStats> value, String description) {
        FunctionCounter.builder(name, stats, s -> value.applyAsDouble(s.get())).tags(tags).description(description)
                .register(registry);
    }
}
