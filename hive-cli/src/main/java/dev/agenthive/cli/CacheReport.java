package dev.agenthive.cli;

import dev.agenthive.api.cache.CacheHealth;
import dev.agenthive.api.cache.CacheStats;
import dev.agenthive.core.Hive;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The cache's state and this process's hit ratio, as the lines {@code status} and {@code demo} print. */
final class CacheReport {
    private CacheReport() {
    }

    /** Where the cache is and whether it serves: {@code cache  redis://host:6379  (up)}. */
    static String state(Hive hive) {
        return hive.cacheHealth()
                .map(cache -> "cache  " + cache.location() + "  (" + cache.status().name().toLowerCase(Locale.ROOT) + ")")
                .orElse("cache  off (" + hive.config().cacheUrl() + ")");
    }

    /** One summary line with this process's hit ratio, then one table row per region that was used. */
    static List<String> lines(Hive hive) {
        List<String> lines = new ArrayList<>();
        Optional<CacheHealth> health = hive.cacheHealth();
        if (health.isEmpty()) {
            lines.add("cache  off (" + hive.config().cacheUrl() + ")");
            return lines;
        }
        Map<String, CacheStats> regions = hive.cacheStats();
        CacheStats total = regions.values().stream().reduce(CacheStats.EMPTY, CacheStats::plus);
        CacheHealth cache = health.get();
        lines.add(String.format(Locale.ROOT, "cache  %s  (%s)  hit ratio %.1f%% of %d reads in this process",
                cache.location(), cache.status().name().toLowerCase(Locale.ROOT), total.hitRatio() * 100,
                total.hits() + total.misses()));
        TextTable table = new TextTable("cache region", "hits", "misses", "hit ratio", "invalidations", "errors");
        boolean any = false;
        for (Map.Entry<String, CacheStats> region : regions.entrySet()) {
            CacheStats stats = region.getValue();
            if (stats.hits() + stats.misses() + stats.invalidations() == 0) {
                continue;
            }
            any = true;
            table.row(region.getKey(), stats.hits(), stats.misses(),
                    String.format(Locale.ROOT, "%.1f%%", stats.hitRatio() * 100), stats.invalidations(), stats.errors());
        }
        if (any) {
            lines.add("");
            lines.addAll(table.render("  "));
        }
        return lines;
    }
}
