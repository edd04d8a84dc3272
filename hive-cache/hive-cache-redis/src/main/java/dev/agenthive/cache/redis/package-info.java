/**
 * CacheProvider {@code "redis"}: a cache shared through one Redis server (Lettuce), with a near cache
 * in each process kept fresh by pub/sub, leases against stale sets, and generations against
 * invalidations lost while Redis was out of reach. {@link dev.agenthive.cache.redis.RedisCacheProvider}
 * states what is guaranteed and what is not.
 */
package dev.agenthive.cache.redis;
