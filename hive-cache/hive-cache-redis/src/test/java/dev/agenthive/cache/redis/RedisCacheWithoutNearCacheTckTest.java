package dev.agenthive.cache.redis;

import dev.agenthive.api.cache.Cache;
import dev.agenthive.tck.cache.CacheContract;
import org.junit.jupiter.api.AfterAll;

import java.time.Clock;

/** The cache TCK on the Redis cache with {@code hive.cache.redis.near-cache=false}: every read asks Redis. */
class RedisCacheWithoutNearCacheTckTest extends CacheContract {
    private static final String PREFIX = Caches.newPrefix();

    @Override
    protected Cache openCache(Clock clock) {
        return RedisCacheTckTest.open(clock, PREFIX, false);
    }

    @Override
    protected Cache openSecondCache(Clock clock) {
        return RedisCacheTckTest.open(clock, PREFIX, false);
    }

    @Override
    protected boolean ttlFollowsSettingsClock() {
        return false;
    }

    @AfterAll
    static void deleteEntries() {
        TestRedis.deletePrefix(TestRedis.get().url(), PREFIX);
    }
}
