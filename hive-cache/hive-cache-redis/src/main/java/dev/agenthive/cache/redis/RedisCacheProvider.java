package dev.agenthive.cache.redis;

import dev.agenthive.api.Checks;
import dev.agenthive.api.cache.Cache;
import dev.agenthive.api.spi.CacheProvider;
import dev.agenthive.api.spi.CacheSettings;

import java.util.Set;

/**
 * CacheProvider {@code "redis"} for URLs {@code redis://[[user]:password@]host[:port][/db]} and
 * {@code rediss://...} (TLS), registered in {@code META-INF/services/dev.agenthive.api.spi.CacheProvider}:
 * a cache {@linkplain Cache#shared() shared} by every process that opens the same URL and key prefix,
 * through one standalone Redis server (not Redis Cluster), with a small near cache in each process.
 *
 * <p>Keys: {@code hive.cache.redis.timeout} (how long one Redis command may take before the call goes
 * to the store instead, default {@code 250ms}: a slow Redis must not slow the agents),
 * {@code hive.cache.redis.key-prefix} (default {@code hive}) and {@code hive.cache.redis.near-cache}
 * ({@code true} or {@code false}, default {@code true}). The settings' clock is not used: Redis measures
 * the time to live of its entries itself.
 *
 * <h2>What is guaranteed</h2>
 * <ul>
 *   <li><b>The port's contract, across processes</b>: after {@code invalidate} returns, no call in any
 *       process that reaches Redis returns a value loaded or put before the invalidation began, and a
 *       load that began before an invalidation never installs its value after it, in Redis or in a near
 *       cache. An invalidation deletes the entries in Redis and publishes their keys in one script; a
 *       load installs its value only if the lease it left in the entry at its start is still there.
 *       Each process's near cache drops the entries when the message arrives and acknowledges, and the
 *       invalidation returns when every receiver Redis counted has acknowledged.</li>
 *   <li><b>A process that does not acknowledge</b> (paused, slow, its subscription cut) has stopped
 *       reading its near cache by the time the invalidation returns: a near cache is read only within
 *       a second of sending a PING that its subscription answered, and
 *       the invalidator, missing an acknowledgement, waits that long (plus 100 ms) after publishing.
 *       The bound rests on the clocks of the machines running at about the same rate, not on their
 *       being synchronised.</li>
 *   <li><b>A lost subscription</b>: a near cache is not read while its subscription is down, and is
 *       cleared before it is read again, since messages were missed meanwhile.</li>
 *   <li><b>Redis unreachable</b>: opening still succeeds; while a process is not connected every call
 *       goes to the loader and nothing is served from the cache. A process that lost its connection or
 *       could not deliver an invalidation starts a new generation ({@code INCR <prefix>:generation})
 *       when it is back, before it serves from the cache again: every entry written before is dead for
 *       every process from its next read of Redis (and its near cache is cleared when the
 *       announcement arrives). This holds when Redis restarts with its data, from an older snapshot,
 *       or fails over to a replica that lagged, since each of those holds a prefix of the history.</li>
 * </ul>
 *
 * <h2>What is not</h2>
 * <ul>
 *   <li>A process cut off from Redis while others still reach it (a partition, or an invalidation that
 *       failed or timed out): its writes' invalidations do not reach Redis, so the others keep serving
 *       the entries those writes made stale until it reconnects and starts a new generation, or until
 *       the entries' time to live ends, whichever is first. The region's ttl is the bound. (The process
 *       itself serves nothing from the cache meanwhile.)</li>
 *   <li>Other processes' near caches learn of a new generation by its announcement, asynchronously;
 *       their reads of Redis learn it at once.</li>
 *   <li>A subscriber Redis still counts but that never answers (another client subscribed to
 *       {@code <prefix>:invalidations}, or a process gone without Redis noticing yet) costs every
 *       invalidation the lease wait.</li>
 *   <li>The generation key {@code <prefix>:generation} must not be evicted: use a {@code noeviction}
 *       or {@code volatile-*} maxmemory policy (every entry has a time to live; the key has none).</li>
 *   <li>A load slower than its lease (5 seconds) is returned but not cached.</li>
 * </ul>
 */
public final class RedisCacheProvider implements CacheProvider {

    @Override
    public String name() {
        return "redis";
    }

    @Override
    public Set<String> configKeys() {
        return RedisCacheConfig.KEYS;
    }

    @Override
    public boolean accepts(String url) {
        return RedisCacheConfig.accepts(url);
    }

    @Override
    public Cache open(CacheSettings settings) {
        Checks.notNull(settings, "settings");
        return RedisCache.open(RedisCacheConfig.from(settings));
    }
}
