package dev.agenthive.cache.redis;

import dev.agenthive.api.cache.Cache;
import dev.agenthive.api.cache.CacheHealth;
import dev.agenthive.api.cache.CacheRegion;
import dev.agenthive.api.cache.CacheRegionSpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static dev.agenthive.cache.redis.Caches.NOT_CALLED;
import static dev.agenthive.cache.redis.Caches.awaitLatch;
import static dev.agenthive.cache.redis.Caches.spec;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Redis cache against a real server, with two cache instances standing for two processes (each
 * {@code open} has its own connections, near cache and subscription).
 */
class RedisCacheTest {
    private final String url = TestRedis.get().url();
    private final String prefix = Caches.newPrefix();
    private final List<AutoCloseable> toClose = new ArrayList<>();
    private final ExecutorService threads = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "redis-cache-test");
        thread.setDaemon(true);
        return thread;
    });

    @AfterEach
    void closeEverything() throws Exception {
        threads.shutdownNow();
        // Caches first, then the proxies they go through: a cache must not see its proxy go away.
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
        TestRedis.deletePrefix(url, prefix);
    }

    private Cache open(String... settings) {
        Cache cache = Caches.open(url, prefix, settings);
        toClose.add(cache);
        return cache;
    }

    private TcpProxy proxy() {
        TcpProxy proxy = TcpProxy.to(url);
        toClose.add(proxy);
        return proxy;
    }

    private Cache openThrough(TcpProxy proxy, String... settings) {
        Cache cache = Caches.open(proxy.url(url), prefix, settings);
        toClose.add(cache);
        return cache;
    }

    @Test
    void aValueLoadedInOneProcessIsAHitInAnother() {
        CacheRegion<String> one = open().region(spec("agents"));
        CacheRegion<String> two = open().region(spec("agents"));

        assertThat(one.get("a", key -> "alice")).isEqualTo("alice");

        assertThat(two.get("a", NOT_CALLED)).isEqualTo("alice");
        assertThat(two.stats().hits()).isEqualTo(1);
        assertThat(rawValue("agents", "a")).isEqualTo("alice");
    }

    @Test
    void everyKeyKeepsToItsOwnEntryAndRegion() {
        Cache cache = open();
        CacheRegion<String> agents = cache.region(spec("agents"));
        CacheRegion<String> tasks = cache.region(spec("tasks"));
        List<String> keys = List.of("", "a", "a:b", "a b", "tasks:1", "ключ", "emoji \uD83D\uDE00", "\uD800x",
                "\uDBFFx", "\uDC00", "#hash", "#" + "x".repeat(600), "x".repeat(512), "x".repeat(513), "x".repeat(10_000),
                "line\nbreak", "*", "?[]\\");

        // Values name the key by its index: the test codec is UTF-8, which cannot carry a lone surrogate.
        for (int i = 0; i < keys.size(); i++) {
            String key = keys.get(i);
            String agent = "agent " + i;
            String task = "task " + i;
            assertThat(agents.get(key, k -> agent)).as("key %s", escape(key)).isEqualTo(agent);
            assertThat(tasks.get(key, k -> task)).as("key %s", escape(key)).isEqualTo(task);
        }
        Cache other = open();
        CacheRegion<String> otherAgents = other.region(spec("agents"));
        for (int i = 0; i < keys.size(); i++) {
            assertThat(otherAgents.get(keys.get(i), NOT_CALLED)).as("key %s", escape(keys.get(i))).isEqualTo("agent " + i);
        }
        assertThat(RedisRegion.storageKey("\uD800x")).isNotEqualTo(RedisRegion.storageKey("\uDBFFx"));

        agents.invalidate("\uD800x");
        assertThat(otherAgents.getIfPresent("\uD800x")).isEmpty();
        assertThat(otherAgents.get("\uDBFFx", NOT_CALLED)).isEqualTo("agent " + keys.indexOf("\uDBFFx"));
        assertThat(tasks.get("\uD800x", NOT_CALLED)).isEqualTo("task " + keys.indexOf("\uD800x"));
        assertThat(rawKeys()).allSatisfy(key -> assertThat(key).matches(
                "(?s)" + prefix + ":(generation|0:(agents|tasks):.*)"));
    }

    /**
     * The stale set across processes: a load in one process read the old value and is held; another
     * process writes and invalidates; the held load must then install nothing, in Redis or in its own
     * near cache. Guards the lease check of {@link RedisScript#INSTALL}.
     */
    @Test
    void aLoadHeldPastAnInvalidationInAnotherProcessInstallsNothing() throws Exception {
        CacheRegion<String> loading = open().region(spec("agents"));
        CacheRegion<String> invalidating = open().region(spec("agents"));
        Map<String, String> store = new ConcurrentHashMap<>(Map.of("a", "old"));
        CountDownLatch loaderRead = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);

        Future<String> held = threads.submit(() -> loading.get("a", key -> {
            String value = store.get(key);
            loaderRead.countDown();
            awaitLatch(release, "the release of the held load");
            return value;
        }));
        awaitLatch(loaderRead, "the held load reading the store");
        assertThat(rawStored("agents", "a")).as("the lease of the held load").startsWith("L");

        store.put("a", "new");
        invalidating.invalidate("a");
        release.countDown();

        assertThat(held.get(10, TimeUnit.SECONDS)).as("the held get returns what it read").isEqualTo("old");
        assertThat(rawStored("agents", "a")).as("the entry in Redis after the held load finished").isNull();
        assertThat(loading.getIfPresent("a")).as("the loading process, near cache or Redis").isEmpty();
        assertThat(invalidating.getIfPresent("a")).isEmpty();
        assertThat(loading.get("a", store::get)).isEqualTo("new");
        assertThat(invalidating.get("a", NOT_CALLED)).isEqualTo("new");
    }

    /**
     * The stale set of the near cache: a read found the old value in Redis and is held before it fills
     * its near cache; the key is invalidated meanwhile; the read must not fill the near cache with it.
     * Guards the near-cache lease (replace only if the marker is still there).
     */
    @Test
    void aReadHeldPastAnInvalidationDoesNotFillTheNearCache() throws Exception {
        Cache cache = open();
        Caches.HeldDecode codec = new Caches.HeldDecode();
        CacheRegion<String> reading = cache.region(new CacheRegionSpec<>("agents", 1_000, Duration.ofMinutes(10), codec));
        CacheRegion<String> filling = open().region(spec("agents"));
        Map<String, String> store = new ConcurrentHashMap<>(Map.of("a", "old"));
        assertThat(filling.get("a", store::get)).isEqualTo("old");
        Caches.awaitNearCacheOn(cache);

        codec.holdNextDecode();
        Future<String> held = threads.submit(() -> reading.get("a", NOT_CALLED));
        awaitLatch(codec.decoding, "the held read decoding what it found in Redis");
        store.put("a", "new");
        reading.invalidate("a");
        codec.release.countDown();

        assertThat(held.get(10, TimeUnit.SECONDS)).as("the held read returns what it found").isEqualTo("old");
        assertThat(Caches.detail(cache, "near-cache-entries")).as("near entries after the held read").isZero();
        assertThat(reading.get("a", store::get)).isEqualTo("new");
    }

    /** An invalidation returns only once the other process's near cache dropped the entry. */
    @Test
    void anInvalidationHoldsInTheOtherProcessNearCacheOnceItReturns() {
        Cache one = open();
        Cache two = open();
        CacheRegion<String> here = one.region(spec("agents"));
        CacheRegion<String> there = two.region(spec("agents"));
        Caches.awaitNearCacheOn(two);
        here.get("a", key -> "old");
        assertThat(there.get("a", NOT_CALLED)).isEqualTo("old");
        assertThat(Caches.detail(two, "near-cache-entries")).as("near entries of the other process").isEqualTo(1);

        here.invalidate("a");

        assertThat(Caches.detail(two, "near-cache-entries")).as("near entries of the other process").isZero();
        assertThat(there.getIfPresent("a")).isEmpty();
        assertThat(there.get("a", key -> "new")).isEqualTo("new");
        assertThat(here.get("a", NOT_CALLED)).isEqualTo("new");
    }

    /**
     * The other process gets the message late (its subscription is slowed, its lease still renewed):
     * the invalidation must wait for its acknowledgement, since its near cache is still being read.
     * Guards the wait for acknowledgements.
     */
    @Test
    void anInvalidationWaitsForALateProcessToDropItsNearEntry() {
        TcpProxy proxy = proxy();
        Cache one = open();
        Cache two = openThrough(proxy);
        CacheRegion<String> here = one.region(spec("agents"));
        CacheRegion<String> there = two.region(spec("agents"));
        Caches.awaitNearCacheOn(two);
        here.get("a", key -> "old");
        assertThat(there.get("a", NOT_CALLED)).isEqualTo("old");

        proxy.delaySubscriptions(Duration.ofMillis(300));
        here.invalidate("a");

        assertThat(two.health().details()).as("the late process still reads its near cache")
                .containsEntry("near-cache", "on");
        assertThat(Caches.detail(two, "near-cache-entries")).as("near entries of the late process").isZero();
        assertThat(there.getIfPresent("a")).isEmpty();
    }

    /**
     * A process that cannot acknowledge (its subscription is frozen: the message and the PONGs of its
     * lease are held on the way) must have stopped reading its near cache by the time the invalidation
     * returns. Guards the near-cache lease.
     */
    @Test
    void aProcessThatDoesNotAcknowledgeStopsReadingItsNearCacheBeforeTheInvalidationReturns() {
        TcpProxy proxy = proxy();
        Cache one = open();
        Cache two = openThrough(proxy);
        CacheRegion<String> here = one.region(spec("agents"));
        CacheRegion<String> there = two.region(spec("agents"));
        Caches.awaitNearCacheOn(two);
        here.get("a", key -> "old");
        assertThat(there.get("a", NOT_CALLED)).isEqualTo("old");
        assertThat(Caches.detail(two, "near-cache-entries")).isEqualTo(1);

        proxy.freezeSubscriptions();
        long start = System.nanoTime();
        here.invalidate("a");
        long tookMillis = (System.nanoTime() - start) / 1_000_000;

        assertThat(Caches.detail(two, "near-cache-entries")).as("the message did not arrive").isEqualTo(1);
        assertThat(there.getIfPresent("a")).as("the other process, its near entry still there").isEmpty();
        assertThat(there.get("a", key -> "new")).isEqualTo("new");
        System.out.println("[hive-cache-redis tests] an invalidation missing one acknowledgement took "
                + tookMillis + " ms (near-cache lease " + RedisCache.NEAR_LEASE_MILLIS + " ms)");
    }

    @Test
    void invalidateAllOfARegionDropsItInEveryProcessAndLeavesOtherRegions() {
        Cache one = open();
        Cache two = open();
        CacheRegion<String> agents = one.region(spec("agents"));
        CacheRegion<String> tasks = one.region(spec("tasks"));
        CacheRegion<String> agentsThere = two.region(spec("agents"));
        for (int i = 0; i < 1_200; i++) {
            String key = "k" + i;
            agents.get(key, k -> "old " + k);
            tasks.get(key, k -> "task " + k);
        }
        assertThat(agentsThere.get("k7", NOT_CALLED)).isEqualTo("old k7");

        agents.invalidateAll();

        assertThat(agentsThere.getIfPresent("k7")).isEmpty();
        assertThat(agents.getIfPresent("k1199")).isEmpty();
        assertThat(rawKeys().stream().filter(key -> key.contains(":agents:"))).isEmpty();
        assertThat(tasks.get("k7", NOT_CALLED)).isEqualTo("task k7");
        assertThat(agents.stats().invalidations()).as("entries deleted").isEqualTo(1_200);
    }

    @Test
    void withoutANearCacheEveryReadAsksRedis() {
        Cache cache = open(RedisCacheConfig.NEAR_CACHE, "false");
        Cache other = open(RedisCacheConfig.NEAR_CACHE, "false");
        CacheRegion<String> here = cache.region(spec("agents"));
        CacheRegion<String> there = other.region(spec("agents"));

        here.get("a", key -> "old");
        assertThat(there.get("a", NOT_CALLED)).isEqualTo("old");
        here.invalidate("a");

        assertThat(there.getIfPresent("a")).isEmpty();
        assertThat(cache.health().details()).containsEntry("near-cache", "off").doesNotContainKey("near-cache-entries");
    }

    @Test
    void aFreshCacheIsUpWithItsFacts() {
        Cache cache = open();
        Caches.awaitNearCacheOn(cache);
        CacheHealth health = cache.health();

        assertThat(health.status()).isEqualTo(CacheHealth.Status.UP);
        assertThat(health.provider()).isEqualTo("redis");
        assertThat(health.location()).isEqualTo(RedisCacheConfig.location(TestRedis.parse(url)));
        assertThat(health.details()).containsEntry("connected", "true").containsEntry("generation", "0")
                .containsEntry("near-cache", "on").containsEntry("near-cache-entries", "0")
                .containsEntry("timeout", "250ms").containsEntry("key-prefix", prefix);
        assertThat(cache.shared()).isTrue();
    }

    @Test
    void closeStopsTheThreadsItStartedAndIsIdempotent() {
        Set<Thread> before = Thread.getAllStackTraces().keySet();
        Cache cache = Caches.open(url, prefix);
        cache.region(spec("agents")).get("a", key -> "alice");
        Set<Thread> started = Thread.getAllStackTraces().keySet().stream().filter(t -> !before.contains(t))
                .collect(Collectors.toSet());
        assertThat(started).as("threads the cache started").isNotEmpty();

        cache.close();
        cache.close();

        Caches.await("the cache's threads to end", () -> started.stream().noneMatch(Thread::isAlive),
                () -> started.stream().filter(Thread::isAlive).map(Thread::getName).toList().toString());
        assertThat(cache.health().status()).isEqualTo(CacheHealth.Status.DEGRADED);
        assertThat(cache.region(spec("agents")).get("a", key -> "from the store")).isEqualTo("from the store");
    }

    /** A key as Java source would write it, so that a failure message survives any output. */
    private static String escape(String key) {
        StringBuilder text = new StringBuilder();
        for (char c : (key.length() > 40 ? key.substring(0, 40) + "...(" + key.length() + ")" : key).toCharArray()) {
            text.append(c >= 0x20 && c < 0x7f ? String.valueOf(c) : String.format("\\u%04x", (int) c));
        }
        return text.toString();
    }

    // ---- raw Redis ---------------------------------------------------------------------------------

    private List<String> rawKeys() {
        return TestRedis.admin(url, redis -> redis.keys(prefix + ":*"));
    }

    /** The stored bytes of an entry of generation 0 as text (tag first), or null. */
    private String rawStored(String region, String key) {
        byte[] stored = TestRedis.admin(url, redis -> redis.get(prefix + ":0:" + region + ":" + key));
        return stored == null ? null : new String(stored, StandardCharsets.ISO_8859_1);
    }

    private String rawValue(String region, String key) {
        byte[] stored = TestRedis.admin(url, redis -> redis.get(prefix + ":0:" + region + ":" + key));
        assertThat(stored).isNotNull();
        assertThat(stored[0]).isEqualTo((byte) 'V');
        return new String(stored, 1, stored.length - 1, StandardCharsets.UTF_8);
    }
}
