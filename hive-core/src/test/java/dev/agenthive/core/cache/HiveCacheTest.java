package dev.agenthive.core.cache;

import dev.agenthive.api.cache.Cache;
import dev.agenthive.api.cache.CacheCodec;
import dev.agenthive.api.cache.CacheHealth;
import dev.agenthive.api.cache.CacheRegion;
import dev.agenthive.api.cache.CacheRegionSpec;
import dev.agenthive.api.cache.CacheStats;
import dev.agenthive.api.cache.ChangeFeed;
import dev.agenthive.api.cache.ChangeListener;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The core's side of caching: fallbacks, the feed's direction, and when caching is refused. */
class HiveCacheTest {
    private static final HiveCache.RegionBounds BOUNDS = new HiveCache.RegionBounds(100, Duration.ofMinutes(1), Map.of());
    private static final CacheCodec<String> TEXT = new CacheCodec<>() {
        @Override
        public byte[] encode(String value) {
            return value.getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public String decode(byte[] bytes) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
    };

    @Test
    void aFailingCacheIsAnsweredByTheLoaderAndNeverFailsACall() {
        RecordingFeed feed = new RecordingFeed(true);
        HiveCache cache = HiveCache.over(new MapCache(false, true), Optional.of(feed), BOUNDS, false, "test:store");
        HiveCache.Region<String> region = cache.region("agents", TEXT);

        assertThat(region.read("a", () -> "from store")).isEqualTo("from store");
        region.invalidate("a");
        region.invalidateAll();

        assertThat(cache.failures()).isEqualTo(3);
        assertThat(feed.published).as("other processes still hear of the writes").containsExactly("agents:[a]", "agents:*");
    }

    @Test
    void aLoaderFailureReachesTheCallerUnchangedAndIsNotACacheFailure() {
        HiveCache cache = HiveCache.over(new MapCache(false, false), Optional.of(new RecordingFeed(true)), BOUNDS, false, "test:store");
        HiveCache.Region<String> region = cache.region("agents", TEXT);
        IllegalStateException failure = new IllegalStateException("store down");

        assertThatThrownBy(() -> region.read("a", () -> {
            throw failure;
        })).isSameAs(failure);
        assertThat(cache.failures()).isZero();
        assertThat(region.read("a", () -> "loaded")).isEqualTo("loaded");
    }

    @Test
    void everyReadCatchesUpWithOtherProcessesFirstAndTheirChangesAreNotPublishedAgain() {
        RecordingFeed feed = new RecordingFeed(true);
        HiveCache cache = HiveCache.over(new MapCache(false, false), Optional.of(feed), BOUNDS, false, "test:store");
        HiveCache.Region<String> agents = cache.region("agents", TEXT);
        HiveCache.Region<String> tasks = cache.region("tasks", TEXT);
        agents.read("a", () -> "old a");
        agents.read("b", () -> "old b");
        tasks.read("a", () -> "old task");

        feed.pending = listener -> listener.changed("agents", List.of("a"));
        assertThat(agents.read("a", () -> "new a")).isEqualTo("new a");
        assertThat(agents.read("b", () -> "new b")).as("other keys stay").isEqualTo("old b");
        assertThat(tasks.read("a", () -> "new task")).as("other regions stay").isEqualTo("old task");

        feed.pending = listener -> listener.changedAll("agents");
        assertThat(agents.read("b", () -> "newer b")).isEqualTo("newer b");
        assertThat(tasks.read("a", () -> "new task")).isEqualTo("old task");

        feed.pending = ChangeListener::unknownChanges;
        assertThat(tasks.read("a", () -> "new task")).isEqualTo("new task");
        assertThat(feed.published).as("nothing heard from the feed goes back out").isEmpty();
        assertThat(feed.catchUps.get()).as("one catch-up per read").isEqualTo(9);
    }

    @Test
    void aProcessLocalCacheIsRefusedWithoutAFeedOrOverAnAsynchronousOneUnlessAccepted() {
        MapCache withoutFeed = new MapCache(false, false);
        assertThat(HiveCache.over(withoutFeed, Optional.empty(), BOUNDS, false, "test:store").enabled()).isFalse();
        assertThat(withoutFeed.closed).isTrue();

        MapCache overAsync = new MapCache(false, false);
        RecordingFeed async = new RecordingFeed(false);
        HiveCache refused = HiveCache.over(overAsync, Optional.of(async), BOUNDS, false, "test:store");
        assertThat(refused.enabled()).isFalse();
        assertThat(refused.disabledReason()).hasValueSatisfying(reason -> assertThat(reason).contains("hive.cache.async-invalidation"));
        assertThat(overAsync.closed).isTrue();
        refused.region("agents", TEXT).invalidate("a");
        assertThat(async.published).as("nobody caches over a feed whose staleness nobody accepted").isEmpty();
        assertThat(async.closed).as("the feed is the store's").isFalse();

        assertThat(HiveCache.over(new MapCache(false, false), Optional.of(new RecordingFeed(false)), BOUNDS, true, "test:store").enabled())
                .isTrue();
    }

    @Test
    void aSharedCacheDoesNotListenToTheFeedButStillPublishesForProcessesCachingInProcess() {
        RecordingFeed feed = new RecordingFeed(true);
        HiveCache cache = HiveCache.over(new MapCache(true, false), Optional.of(feed), BOUNDS, false, "test:store");
        HiveCache.Region<String> region = cache.region("agents", TEXT);
        region.read("a", () -> "x");
        region.invalidate("a");

        assertThat(cache.enabled()).isTrue();
        assertThat(feed.catchUps.get()).isZero();
        assertThat(feed.published).containsExactly("agents:[a]");
    }

    @Test
    void aProcessThatCachesNothingStillPublishesItsWrites() {
        RecordingFeed feed = new RecordingFeed(true);
        HiveCache off = HiveCache.disabled("none:", HiveCache.publishing(Optional.of(feed), false));
        HiveCache.Region<String> region = off.region("memory", TEXT);
        assertThat(region.read("k", () -> "v")).isEqualTo("v");
        region.invalidate("k");
        region.invalidateAll();

        assertThat(feed.published).containsExactly("memory:[k]", "memory:*");
        assertThat(feed.catchUps.get()).isZero();
    }

    @Test
    void hivesOfDifferentStoresSharingOneCacheKeepTheirEntriesApart() {
        MapCache shared = new MapCache(true, false);
        HiveCache first = HiveCache.over(shared, Optional.empty(), BOUNDS, false, "sqlite:/one.db");
        HiveCache second = HiveCache.over(shared, Optional.empty(), BOUNDS, false, "sqlite:/two.db");
        HiveCache firstAgain = HiveCache.over(shared, Optional.empty(), BOUNDS, false, "sqlite:/one.db");

        assertThat(first.region("agents", TEXT).read("a", () -> "of one")).isEqualTo("of one");
        assertThat(second.region("agents", TEXT).read("a", () -> "of two")).isEqualTo("of two");
        assertThat(firstAgain.region("agents", TEXT).read("a", () -> "loaded again")).isEqualTo("of one");
    }

    /** A plain map per region; with {@code failing}, every region call throws as a lost connection would. */
    private static final class MapCache implements Cache {
        private final boolean shared;
        private final boolean failing;
        private boolean closed;

        MapCache(boolean shared, boolean failing) {
            this.shared = shared;
            this.failing = failing;
        }

        private final Map<String, MapRegion<?>> regions = new ConcurrentHashMap<>();

        @Override
        @SuppressWarnings("unchecked")
        public <V> CacheRegion<V> region(CacheRegionSpec<V> spec) {
            return (CacheRegion<V>) regions.computeIfAbsent(spec.name(), name -> new MapRegion<>(name, failing));
        }

        @Override
        public boolean shared() {
            return shared;
        }

        @Override
        public CacheHealth health() {
            return new CacheHealth(CacheHealth.Status.UP, "map", "map:", Map.of());
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    private record MapRegion<V>(String name, boolean failing, Map<String, V> entries) implements CacheRegion<V> {
        MapRegion(String name, boolean failing) {
            this(name, failing, new ConcurrentHashMap<>());
        }

        @Override
        public Optional<V> getIfPresent(String key) {
            check();
            return Optional.ofNullable(entries.get(key));
        }

        @Override
        public V get(String key, Function<String, ? extends V> loader) {
            check();
            V cached = entries.get(key);
            if (cached != null) {
                return cached;
            }
            V loaded = loader.apply(key);
            if (loaded != null) {
                entries.put(key, loaded);
            }
            return loaded;
        }

        @Override
        public void invalidate(String key) {
            check();
            entries.remove(key);
        }

        @Override
        public void invalidateAll(Collection<String> keys) {
            check();
            keys.forEach(entries::remove);
        }

        @Override
        public void invalidateAll() {
            check();
            entries.clear();
        }

        @Override
        public CacheStats stats() {
            return CacheStats.EMPTY;
        }

        private void check() {
            if (failing) {
                throw new IllegalStateException("connection lost");
            }
        }
    }

    private static final class RecordingFeed implements ChangeFeed {
        private final boolean synchronous;
        private final List<String> published = new ArrayList<>();
        private final AtomicInteger catchUps = new AtomicInteger();
        private ChangeListener listener;
        private Consumer<ChangeListener> pending;
        private boolean closed;

        RecordingFeed(boolean synchronous) {
            this.synchronous = synchronous;
        }

        @Override
        public boolean synchronous() {
            return synchronous;
        }

        @Override
        public void publish(String region, Collection<String> keys) {
            published.add(region + ":" + keys);
        }

        @Override
        public void publishAll(String region) {
            published.add(region + ":*");
        }

        @Override
        public void listen(ChangeListener listener) {
            this.listener = listener;
        }

        @Override
        public void catchUp() {
            catchUps.incrementAndGet();
            if (pending != null) {
                pending.accept(listener);
                pending = null;
            }
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
