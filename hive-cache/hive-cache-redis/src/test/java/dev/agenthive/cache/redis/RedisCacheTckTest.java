package dev.agenthive.cache.redis;

import dev.agenthive.api.cache.Cache;
import dev.agenthive.api.spi.CacheSettings;
import dev.agenthive.tck.cache.CacheContract;
import org.junit.jupiter.api.AfterAll;

import java.time.Clock;
import java.util.Map;

/**
 * The cache TCK on the Redis cache with its near cache (the default); each shared-cache test on two
 * handles standing for two processes. Redis ages entries by its own clock, not the settings' one.
 * {@link RedisCacheWithoutNearCacheTckTest} runs it with every read asking Redis.
 */
class RedisCacheTckTest extends CacheContract {
    private static final String PREFIX = Caches.newPrefix();

    @Override
    protected Cache openCache(Clock clock) {
        return open(clock, PREFIX, true);
    }

    @Override
    protected Cache openSecondCache(Clock clock) {
        return open(clock, PREFIX, true);
    }

    @Override
    protected boolean ttlFollowsSettingsClock() {
        return false;
    }

    @AfterAll
    static void deleteEntries() {
        TestRedis.deletePrefix(TestRedis.get().url(), PREFIX);
    }

    static Cache open(Clock clock, String prefix, boolean nearCache) {
        return new RedisCacheProvider().open(new CacheSettings(TestRedis.get().url(), Map.of(
                RedisCacheConfig.KEY_PREFIX, prefix, RedisCacheConfig.NEAR_CACHE, String.valueOf(nearCache)), clock));
    }
}
