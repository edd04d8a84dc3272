package dev.agenthive.cache.caffeine;

import dev.agenthive.api.cache.Cache;
import dev.agenthive.api.spi.CacheSettings;
import dev.agenthive.tck.cache.CacheContract;

import java.time.Clock;
import java.util.Map;

/** The cache TCK on {@code caffeine:}, with the contract's clock driving entry ages. */
class CaffeineCacheTckTest extends CacheContract {

    @Override
    protected Cache openCache(Clock clock) {
        return new CaffeineCacheProvider().open(new CacheSettings("caffeine:", Map.of(), clock));
    }
}
