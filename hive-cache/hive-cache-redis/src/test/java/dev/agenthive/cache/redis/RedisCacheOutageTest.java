package dev.agenthive.cache.redis;

import dev.agenthive.api.cache.Cache;
import dev.agenthive.api.cache.CacheHealth;
import dev.agenthive.api.cache.CacheRegion;
import dev.agenthive.api.cache.CacheStats;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static dev.agenthive.cache.redis.Caches.NOT_CALLED;
import static dev.agenthive.cache.redis.Caches.awaitStatus;
import static dev.agenthive.cache.redis.Caches.spec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/**
 * The Redis cache when Redis is out of reach: not there at open, a network blip of one process, a
 * server restart that keeps its data, a lost subscription. Network faults go through a
 * {@link TcpProxy}; the restart stops and starts an embedded server of the test's own, or, with a
 * server given by {@code HIVE_TEST_REDIS_URL} (which a test must not stop), cuts every process off it
 * through proxies, which is what a restart looks like from the processes.
 */
class RedisCacheOutageTest {
    private final String url = TestRedis.get().url();
    private final String prefix = Caches.newPrefix();
    private final List<AutoCloseable> toClose = new ArrayList<>();

    @AfterEach
    void closeEverything() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
        TestRedis.deletePrefix(url, prefix);
    }

    private <T extends AutoCloseable> T closeLater(T closeable) {
        toClose.add(closeable);
        return closeable;
    }

    @Test
    void opensDegradedWhenNothingListensAndServesEveryCallFromTheLoader() {
        String nowhere = "redis://:secret@127.0.0.1:" + TestRedis.freePort() + "/2";
        Cache cache = closeLater(Caches.open(nowhere, prefix));
        CacheRegion<String> agents = cache.region(spec("agents"));
        AtomicInteger loads = new AtomicInteger();

        assertThat(agents.get("a", key -> "alice " + loads.incrementAndGet())).isEqualTo("alice 1");
        assertThat(agents.get("a", key -> "alice " + loads.incrementAndGet())).isEqualTo("alice 2");
        assertThat(agents.getIfPresent("a")).isEmpty();
        assertThatCode(() -> {
            agents.invalidate("a");
            agents.invalidateAll(List.of("a", "b"));
            agents.invalidateAll();
        }).doesNotThrowAnyException();

        CacheHealth health = cache.health();
        assertThat(health.status()).isEqualTo(CacheHealth.Status.DEGRADED);
        assertThat(health.provider()).isEqualTo("redis");
        assertThat(health.location()).isEqualTo(nowhere.replace(":secret@", ""));
        assertThat(health.details()).containsEntry("connected", "false").containsKey("last-error");
        assertThat(health.toString()).doesNotContain("secret");
        CacheStats stats = agents.stats();
        assertThat(stats.hits()).isZero();
        assertThat(stats.misses()).isEqualTo(3);
        assertThat(stats.loads()).isEqualTo(2);
        assertThat(stats.errors()).as("every call answered without the cache").isEqualTo(6);
    }

    @Test
    void comesUpByItselfWhenRedisAnswersLater() {
        TcpProxy proxy = closeLater(TcpProxy.to(url));
        proxy.cut();
        Cache cache = closeLater(Caches.open(proxy.url(url), prefix));
        CacheRegion<String> agents = cache.region(spec("agents"));
        assertThat(cache.health().status()).isEqualTo(CacheHealth.Status.DEGRADED);
        assertThat(agents.get("a", key -> "uncached")).isEqualTo("uncached");

        proxy.restore();

        awaitStatus(cache, CacheHealth.Status.UP);
        assertThat(agents.get("a", key -> "alice")).isEqualTo("alice");
        assertThat(agents.get("a", NOT_CALLED)).isEqualTo("alice");
        assertThat(cache.health().details()).as("nothing was invalidated while cut off").containsEntry("generation", "0");
    }

    /**
     * One process loses Redis while another keeps it; the first writes and cannot deliver the
     * invalidation. When it is back it must start a new generation before serving from the cache, so
     * that neither it nor the other process reads the entry that survived. Guards the generation bump.
     */
    @Test
    void anInvalidationMissedDuringABlipStartsANewGenerationBeforeAnyoneServesTheOldEntry() {
        TcpProxy proxy = closeLater(TcpProxy.to(url));
        Cache cut = closeLater(Caches.open(proxy.url(url), prefix));
        Cache other = closeLater(Caches.open(url, prefix));
        CacheRegion<String> here = cut.region(spec("agents"));
        CacheRegion<String> there = other.region(spec("agents"));
        Map<String, String> store = new ConcurrentHashMap<>(Map.of("a", "old"));
        assertThat(here.get("a", store::get)).isEqualTo("old");
        assertThat(there.get("a", NOT_CALLED)).isEqualTo("old");

        proxy.cut();
        awaitStatus(cut, CacheHealth.Status.DEGRADED);
        store.put("a", "new");
        here.invalidate("a");
        assertThat(here.get("a", store::get)).as("while cut off: from the store").isEqualTo("new");
        assertThat(there.get("a", NOT_CALLED)).as("what is not guaranteed: the other process still has the old entry")
                .isEqualTo("old");
        assertThat(rawGeneration()).isZero();

        proxy.restore();
        awaitStatus(cut, CacheHealth.Status.UP);

        assertThat(rawGeneration()).as("generation after the cut-off process is back").isEqualTo(1);
        assertThat(here.get("a", store::get)).as("the process that was cut off, at once").isEqualTo("new");
        Caches.await("the other process to leave the old generation",
                () -> "1".equals(other.health().details().get("generation")));
        assertThat(there.get("a", store::get)).isEqualTo("new");
        assertThat(rawStored(0, "a")).as("the old entry, dead in its generation until its ttl").startsWith("V");
    }

    /**
     * A process that keeps writing while it reconnects: once connected, its invalidations are
     * delivered in whatever generation Redis has, so the reconnection costs one new generation (two
     * if a write was caught between the connection opening and the resync), not one per write that
     * raced the resync, each of which empties the cache again. Guards {@code RedisCache.mayInvalidate}:
     * without it this process started 16 generations and took 4.6 s to come back, here, with it one.
     */
    @Test
    void aProcessThatKeepsInvalidatingWhileItReconnectsStartsOneGeneration() throws Exception {
        TcpProxy proxy = closeLater(TcpProxy.to(url));
        Cache cache = closeLater(Caches.open(proxy.url(url), prefix));
        CacheRegion<String> agents = cache.region(spec("agents"));
        proxy.cut();
        awaitStatus(cache, CacheHealth.Status.DEGRADED);
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicLong invalidations = new AtomicLong();
        Thread writer = new Thread(() -> {
            while (writing.get()) {
                agents.invalidate("k" + invalidations.incrementAndGet() % 10);
            }
        }, "busy-writer");
        writer.setDaemon(true);
        writer.start();
        try {
            Caches.await("some invalidations while cut off", () -> invalidations.get() > 100);

            proxy.restore();

            awaitStatus(cache, CacheHealth.Status.UP);
            assertThat(rawGeneration()).as("generations started to come back").isBetween(1L, 2L);
            long upAt = invalidations.get();
            Caches.await("invalidations going on after it is up", () -> invalidations.get() > upAt + 10);
            assertThat(cache.health().status()).isEqualTo(CacheHealth.Status.UP);
        } finally {
            writing.set(false);
            writer.join(Caches.PATIENCE.toMillis());
        }
        assertThat(agents.get("k1", key -> "v1")).isEqualTo("v1");
        assertThat(agents.get("k1", NOT_CALLED)).isEqualTo("v1");
    }

    /**
     * Redis stops while values are cached, a process writes meanwhile (its invalidation cannot reach
     * Redis), and Redis starts again with its data: no process may serve the entry that survived, and
     * both are up again by themselves.
     */
    @Test
    void afterARestartWithTheOldEntriesNoProcessServesOne(@TempDir Path data) {
        Outage outage = TestRedis.get().embedded() ? new Restart(data) : new CutOff(url);
        System.out.println("[hive-cache-redis tests] restart test: " + outage);
        closeLater(outage);
        Cache writer = closeLater(Caches.open(outage.url(1), prefix));
        Cache reader = closeLater(Caches.open(outage.url(2), prefix));
        CacheRegion<String> here = writer.region(spec("agents"));
        CacheRegion<String> there = reader.region(spec("agents"));
        Map<String, String> store = new ConcurrentHashMap<>(Map.of("a", "old", "b", "b1"));
        here.get("a", store::get);
        here.get("b", store::get);
        assertThat(there.get("a", NOT_CALLED)).isEqualTo("old");

        outage.begin();
        awaitStatus(writer, CacheHealth.Status.DEGRADED);
        awaitStatus(reader, CacheHealth.Status.DEGRADED);
        store.put("a", "new");
        assertThatCode(() -> here.invalidate("a")).doesNotThrowAnyException();
        assertThat(there.get("a", store::get)).as("while Redis is down: from the store").isEqualTo("new");
        outage.end();

        assertThat(outage.rawStored(prefix + ":0:agents:a")).as("the stale entry survived the restart")
                .startsWith("Vold");
        awaitStatus(writer, CacheHealth.Status.UP);
        awaitStatus(reader, CacheHealth.Status.UP);
        assertThat(here.get("a", store::get)).isEqualTo("new");
        assertThat(there.get("a", store::get)).isEqualTo("new");
        assertThat(there.get("b", store::get)).isEqualTo("b1");
        assertThat(Long.parseLong(writer.health().details().get("generation"))).isPositive();
    }

    /**
     * A process's subscription is lost while an invalidation is published (the message never reaches
     * it), and then comes back. Before its near cache is read again it must be cleared. Guards the
     * near-cache clear on resubscription.
     */
    @Test
    void aLostSubscriptionClearsTheNearCacheBeforeItIsReadAgain() {
        TcpProxy proxy = closeLater(TcpProxy.to(url));
        Cache missing = closeLater(Caches.open(proxy.url(url), prefix));
        Cache other = closeLater(Caches.open(url, prefix));
        CacheRegion<String> here = missing.region(spec("agents"));
        CacheRegion<String> there = other.region(spec("agents"));
        Caches.awaitNearCacheOn(missing);
        assertThat(here.get("a", key -> "old")).isEqualTo("old");
        assertThat(Caches.detail(missing, "near-cache-entries")).isEqualTo(1);
        long subscriptions = Caches.detail(missing, "subscriptions");

        proxy.freezeSubscriptions();
        there.invalidate("a");
        proxy.cutSubscriptions();
        Caches.await("the subscription to be confirmed again", () -> Caches.detail(missing, "subscriptions") > subscriptions);
        Caches.awaitNearCacheOn(missing);

        assertThat(here.getIfPresent("a")).isEmpty();
        assertThat(here.get("a", key -> "new")).isEqualTo("new");
        assertThat(missing.health().details()).containsEntry("generation", "0");
    }

    private long rawGeneration() {
        byte[] generation = TestRedis.admin(url, redis -> redis.get(prefix + ":generation"));
        return generation == null ? 0 : Long.parseLong(new String(generation, StandardCharsets.US_ASCII));
    }

    private String rawStored(long generation, String key) {
        byte[] stored = TestRedis.admin(url, redis -> redis.get(prefix + ":" + generation + ":agents:" + key));
        return stored == null ? null : new String(stored, StandardCharsets.ISO_8859_1);
    }

    /** Redis out of reach for every process, and back with its data. */
    private interface Outage extends AutoCloseable {
        /** The URL of process {@code n}. */
        String url(int process);

        void begin();

        void end();

        String rawStored(String key);

        @Override
        void close();
    }

    /** An embedded server of the test's own, saved, stopped and started again. */
    private static final class Restart implements Outage {
        private final TestRedis.Embedded server;

        Restart(Path data) {
            this.server = TestRedis.Embedded.start(data);
        }

        @Override
        public String url(int process) {
            return server.url();
        }

        @Override
        public void begin() {
            TestRedis.admin(server.url(), redis -> redis.save());
            server.stop();
        }

        @Override
        public void end() {
            server.start();
        }

        @Override
        public String rawStored(String key) {
            byte[] stored = TestRedis.admin(server.url(), redis -> redis.get(key));
            return stored == null ? null : new String(stored, StandardCharsets.ISO_8859_1);
        }

        @Override
        public void close() {
            server.stop();
        }

        @Override
        public String toString() {
            return "an embedded Redis server saved, stopped and started again at " + server.url();
        }
    }

    /** The given server, every process cut off from it by its proxy (a given server is not stopped). */
    private static final class CutOff implements Outage {
        private final String url;
        private final TcpProxy first;
        private final TcpProxy second;

        CutOff(String url) {
            this.url = url;
            this.first = TcpProxy.to(url);
            this.second = TcpProxy.to(url);
        }

        @Override
        public String url(int process) {
            return (process == 1 ? first : second).url(url);
        }

        @Override
        public void begin() {
            first.cut();
            second.cut();
        }

        @Override
        public void end() {
            first.restore();
            second.restore();
        }

        @Override
        public String rawStored(String key) {
            byte[] stored = TestRedis.admin(url, redis -> redis.get(key));
            return stored == null ? null : new String(stored, StandardCharsets.ISO_8859_1);
        }

        @Override
        public void close() {
            first.close();
            second.close();
        }

        @Override
        public String toString() {
            return "the given server, every process cut off by a proxy";
        }
    }
}
