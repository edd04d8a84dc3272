package dev.agenthive.tck.cache;

import dev.agenthive.api.cache.Cache;
import dev.agenthive.api.cache.CacheHealth;
import dev.agenthive.api.cache.CacheRegion;
import dev.agenthive.api.cache.CacheRegionSpec;
import dev.agenthive.api.cache.CacheStats;
import dev.agenthive.api.error.InvalidInputException;
import dev.agenthive.tck.cache.StaleSetScenario.Invalidation;
import dev.agenthive.tck.cache.StaleSetScenario.Outcome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The contract of a {@link Cache} and its {@link CacheRegion regions}. A cache provider passes it by
 * extending this class once and opening its cache in {@link #openCache(Clock)}:
 *
 * <pre>{@code
 * class MyCacheTckTest extends CacheContract {
 *     @Override
 *     protected Cache openCache(Clock clock) {
 *         return new MyCacheProvider().open(new CacheSettings("my:", Map.of(), clock));
 *     }
 * }
 * }</pre>
 *
 * <p>The heart of it is the no-stale-set promise of {@link CacheRegion}: a load that began before an
 * invalidation never installs its result after it. {@link StaleSetScenario} drives that race step by
 * step and {@link StaleReadHammer} looks for it with real threads; both are public so that their
 * power can be shown on a cache that breaks the promise.
 *
 * <p>Every test opens a fresh cache and names its regions with a random suffix, so that a shared
 * cache (one Redis for every test) carries nothing from one test to the next. A
 * {@link Cache#shared() shared} cache also runs the tests of the cross-process promises, through a
 * second handle from {@link #openSecondCache(Clock)}; an in-process cache skips them.
 */
public abstract class CacheContract {

    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    /** Nothing expires by accident in a test that does not move the clock. */
    private static final Duration LONG_TTL = Duration.ofHours(1);
    /** Far more than any test loads, so that nothing is evicted by accident. */
    private static final long ROOMY = 10_000;
    /** How long an eventual promise (an eviction, an entry shared) gets before the test fails. */
    private static final Duration EVENTUALLY = Duration.ofSeconds(10);

    /** A loader for reads that must hit: it fails the test with the key it was asked for. */
    private static final Function<String, String> NOT_CALLED = key -> {
        throw new AssertionError("the loader of '" + key + "' was called, but the value should have been cached");
    };

    private final SettableClock clock = new SettableClock(START);
    private final String suffix = Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
    private Cache cache;
    private Cache secondCache;

    /**
     * Opens the cache under test. Called before every test, closed after it.
     *
     * @param clock the clock to pass as {@link dev.agenthive.api.spi.CacheSettings#clock()}; it stands
     *              still until a test moves it
     */
    protected abstract Cache openCache(Clock clock);

    /**
     * Opens a second handle on the same shared cache, as another process would. Called only when
     * {@link Cache#shared()} is true, after {@link #openCache(Clock)}; a shared cache's test must
     * override it.
     */
    protected Cache openSecondCache(Clock clock) {
        throw new UnsupportedOperationException(getClass().getName() + " tests a shared cache: override "
                + "openSecondCache to open a second handle on it");
    }

    /**
     * Whether entry ages follow {@link dev.agenthive.api.spi.CacheSettings#clock()}, so that the TTL test
     * can move the clock instead of waiting. A cache whose TTL runs elsewhere (on a Redis server)
     * answers {@code false}, and the TTL test then waits for a short TTL to pass for real.
     */
    protected boolean ttlFollowsSettingsClock() {
        return true;
    }

    @BeforeEach
    final void openFreshCache() {
        cache = openCache(clock);
        assertThat(cache).as("openCache(clock) result").isNotNull();
    }

    @AfterEach
    final void closeCaches() {
        try {
            if (secondCache != null) {
                secondCache.close();
            }
        } finally {
            if (cache != null) {
                cache.close();
            }
        }
    }

    /** The cache of the running test. */
    protected final Cache cache() {
        return cache;
    }

    /** The clock the cache was opened with. */
    protected final SettableClock clock() {
        return clock;
    }

    /** A roomy, long-lived string region spec named {@code base} plus this test's suffix. */
    protected final CacheRegionSpec<String> spec(String base) {
        return new CacheRegionSpec<>(base + "-" + suffix, ROOMY, LONG_TTL, StringCodec.UTF_8);
    }

    /** The region of {@link #spec(String)} in the cache of the running test. */
    protected final CacheRegion<String> region(String base) {
        return cache.region(spec(base));
    }

    /** The second handle of a shared cache; skips the running test for an in-process cache. */
    private Cache secondCache() {
        assumeTrue(cache.shared(), "an in-process cache shares nothing with another handle");
        if (secondCache == null) {
            secondCache = openSecondCache(clock);
            assertThat(secondCache).as("openSecondCache(clock) result").isNotNull();
        }
        return secondCache;
    }

    // ---- reading through ------------------------------------------------------------------------

    @Test
    void aMissLoadsAndCachesAndLaterReadsHitWithoutTheLoader() {
        CacheRegion<String> agents = region("agents");
        CountingLoader loader = CountingLoader.returning("alice");

        assertThat(agents.name()).isEqualTo(spec("agents").name());
        assertThat(agents.getIfPresent("a")).isEmpty();
        assertThat(agents.get("a", loader)).isEqualTo("alice");
        assertThat(agents.get("a", NOT_CALLED)).isEqualTo("alice");
        assertThat(agents.getIfPresent("a")).contains("alice");

        assertThat(loader.calls()).as("loader calls").isEqualTo(1);
        CacheStats stats = agents.stats();
        assertThat(stats.hits()).as("hits").isEqualTo(2);
        assertThat(stats.misses()).as("misses: the getIfPresent and the get that loaded").isEqualTo(2);
        assertThat(stats.loads()).as("loads").isEqualTo(1);
        assertThat(stats.hitRatio()).as("hit ratio").isEqualTo(0.5);
        assertThat(stats.invalidations()).as("invalidations").isZero();
        assertThat(stats.evictions()).as("evictions").isZero();
        assertThat(stats.errors()).as("errors").isZero();
    }

    @Test
    void timeSpentInTheLoaderIsCounted() {
        CacheRegion<String> agents = region("agents");

        agents.get("a", key -> {
            sleep(Duration.ofMillis(2));
            return "alice";
        });

        assertThat(agents.stats().loadNanos()).as("loadNanos after a loader that slept 2 ms").isPositive();
        assertThat(agents.stats().averageLoadNanos()).as("averageLoadNanos").isPositive();
    }

    @Test
    void aNullFromTheLoaderIsReturnedAndNothingIsCached() {
        CacheRegion<String> agents = region("agents");
        CountingLoader unknown = CountingLoader.returning(null);

        assertThat(agents.get("ghost", unknown)).isNull();
        assertThat(agents.getIfPresent("ghost")).isEmpty();
        assertThat(agents.get("ghost", unknown)).isNull();

        assertThat(unknown.calls()).as("loader calls: a null is not cached").isEqualTo(2);
        assertThat(agents.stats().loads()).as("loads: only loader calls that returned a value").isZero();
        assertThat(agents.get("ghost", CountingLoader.returning("found"))).isEqualTo("found");
        assertThat(agents.getIfPresent("ghost")).as("a later value is cached").contains("found");
    }

    @Test
    void aLoaderFailureReachesTheCallerUnchangedAndNothingIsCached() {
        CacheRegion<String> agents = region("agents");
        IllegalStateException failure = new IllegalStateException("the store is down");

        assertThatThrownBy(() -> agents.get("a", key -> {
            throw failure;
        })).isSameAs(failure);
        assertThat(agents.getIfPresent("a")).isEmpty();

        CountingLoader loader = CountingLoader.returning("alice");
        assertThat(agents.get("a", loader)).isEqualTo("alice");
        assertThat(loader.calls()).as("the next get loads").isEqualTo(1);
        assertThat(agents.getIfPresent("a")).as("and its value is cached: the failed load left nothing behind")
                .contains("alice");
        assertThat(agents.stats().errors()).as("errors: a loader failure is not the cache's").isZero();
    }

    // ---- invalidation ---------------------------------------------------------------------------

    @Test
    void invalidateDropsOneKeyAndTheNextGetReloads() {
        CacheRegion<String> agents = region("agents");
        CacheRegion<String> tasks = region("tasks");
        agents.get("a", CountingLoader.returning("a1"));
        agents.get("b", CountingLoader.returning("b1"));
        tasks.get("a", CountingLoader.returning("task a"));

        agents.invalidate("a");

        assertThat(agents.stats().invalidations()).as("invalidations").isEqualTo(1);
        assertThat(tasks.stats().invalidations()).as("invalidations of the other region").isZero();
        assertThat(agents.getIfPresent("a")).isEmpty();
        assertThat(agents.get("a", CountingLoader.returning("a2"))).isEqualTo("a2");
        assertThat(agents.get("b", NOT_CALLED)).as("another key").isEqualTo("b1");
        assertThat(tasks.get("a", NOT_CALLED)).as("the same key in another region").isEqualTo("task a");
        // Invalidating what is not cached is harmless.
        agents.invalidate("never-cached");
        agents.invalidateAll(List.of());
    }

    @Test
    void invalidateAllOfKeysDropsThoseKeysOnly() {
        CacheRegion<String> agents = region("agents");
        CacheRegion<String> tasks = region("tasks");
        for (String key : List.of("a", "b", "c")) {
            agents.get(key, CountingLoader.returning(key + "1"));
            tasks.get(key, CountingLoader.returning("task " + key));
        }

        agents.invalidateAll(List.of("a", "b"));

        assertThat(agents.stats().invalidations()).as("invalidations: each key of the batch").isEqualTo(2);
        assertThat(agents.getIfPresent("a")).isEmpty();
        assertThat(agents.getIfPresent("b")).isEmpty();
        assertThat(agents.get("a", CountingLoader.returning("a2"))).isEqualTo("a2");
        assertThat(agents.get("b", CountingLoader.returning("b2"))).isEqualTo("b2");
        assertThat(agents.get("c", NOT_CALLED)).as("a key not in the batch").isEqualTo("c1");
        assertThat(tasks.get("a", NOT_CALLED)).as("the same key in another region").isEqualTo("task a");
    }

    @Test
    void invalidateAllDropsTheWholeRegionOnly() {
        CacheRegion<String> agents = region("agents");
        CacheRegion<String> tasks = region("tasks");
        for (String key : List.of("a", "b")) {
            agents.get(key, CountingLoader.returning(key + "1"));
            tasks.get(key, CountingLoader.returning("task " + key));
        }

        agents.invalidateAll();

        assertThat(agents.getIfPresent("a")).isEmpty();
        assertThat(agents.getIfPresent("b")).isEmpty();
        assertThat(agents.get("a", CountingLoader.returning("a2"))).isEqualTo("a2");
        assertThat(tasks.get("a", NOT_CALLED)).as("another region").isEqualTo("task a");
        assertThat(tasks.get("b", NOT_CALLED)).as("another region").isEqualTo("task b");
    }

    // ---- regions --------------------------------------------------------------------------------

    @Test
    void regionsAreIsolated() {
        CacheRegion<String> agents = region("agents");
        CacheRegion<String> tasks = region("tasks");

        agents.get("1", CountingLoader.returning("agent 1"));
        tasks.get("1", CountingLoader.returning("task 1"));

        assertThat(agents.get("1", NOT_CALLED)).isEqualTo("agent 1");
        assertThat(tasks.get("1", NOT_CALLED)).isEqualTo("task 1");
        assertThat(region("projects").getIfPresent("1")).as("a region never written").isEmpty();
    }

    @Test
    void askingForARegionAgainGivesTheSameEntries() {
        CacheRegion<String> first = cache.region(spec("agents"));
        first.get("a", CountingLoader.returning("alice"));

        CacheRegion<String> again = cache.region(spec("agents"));

        assertThat(again.name()).isEqualTo(first.name());
        assertThat(again.get("a", NOT_CALLED)).isEqualTo("alice");
        again.invalidate("a");
        assertThat(first.getIfPresent("a")).as("an invalidation through the other handle").isEmpty();
    }

    @Test
    void aRegionOfTheSameNameWithAnotherCodecIsRefused() {
        CacheRegionSpec<String> utf8 = spec("agents");
        cache.region(utf8);
        CacheRegionSpec<String> latin1 = new CacheRegionSpec<>(utf8.name(), utf8.maxEntries(), utf8.ttl(),
                new StringCodec(StandardCharsets.ISO_8859_1));

        assertThatThrownBy(() -> cache.region(latin1))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("name"));
    }

    // ---- the stale-set race -----------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(Invalidation.class)
    void aLoadThatBeganBeforeAnInvalidationNeverInstallsItsValue(Invalidation invalidation) {
        Outcome outcome = StaleSetScenario.on(region("agents")).run("a", invalidation, false);

        assertNoStaleSet(outcome);
    }

    @ParameterizedTest
    @EnumSource(Invalidation.class)
    void aLoadThatBeganBeforeAnInvalidationDoesNotOverwriteALaterLoad(Invalidation invalidation) {
        Outcome outcome = StaleSetScenario.on(region("agents")).run("a", invalidation, true);

        assertNoStaleSet(outcome);
    }

    /** The assertions of a stale-set run, for an adapter's own scenarios too. */
    protected static void assertNoStaleSet(Outcome outcome) {
        assertThat(outcome.heldLoadReturned()).as("the held get returns what its loader read: it asked before the write")
                .isEqualTo(outcome.oldValue());
        outcome.reloadReturned().ifPresent(reload -> assertThat(reload)
                .as("a get that began after the invalidation returned (%s)", outcome).isEqualTo(outcome.newValue()));
        assertThat(outcome.presentAfter()).as("getIfPresent after the race (%s)", outcome)
                .allSatisfy(present -> assertThat(present).isIn(Optional.empty(), Optional.of(outcome.newValue())));
        assertThat(outcome.readAfter()).as("get after the race (%s)", outcome)
                .allSatisfy(read -> assertThat(read).isEqualTo(outcome.newValue()));
    }

    @Test
    void eightThreadsNeverReadAValueOlderThanTheLastReturnedInvalidation() {
        StaleReadHammer.Report report = StaleReadHammer.run(List.of(region("agents")), 8, 2_000, 16);

        assertThat(report.staleReads()).as("stale reads among %s reads and %s writes: %s",
                report.reads(), report.writes(), report.examples()).isZero();
        assertThat(report.writes()).as("writes").isPositive();
    }

    // ---- bounds and age -------------------------------------------------------------------------

    @Test
    void anInProcessRegionKeepsAtMostItsMaxEntries() {
        assumeTrue(!cache.shared(), "a shared cache bounds only its near cache, which no call can tell apart");
        CacheRegion<String> bounded = cache.region(boundedSpec());
        loadThousandKeys(bounded);
        long bound = 110;  // 100 and a tenth of slack for an adapter that evicts approximately

        awaitUpTo(EVENTUALLY, () -> presentOfThousandKeys(bounded) <= bound
                && bounded.stats().evictions() >= 1_000 - bound);

        assertThat(presentOfThousandKeys(bounded)).as("keys still cached out of 1000 with maxEntries = 100")
                .isBetween(1L, bound);
        assertThat(bounded.stats().evictions()).as("evictions").isGreaterThanOrEqualTo(1_000 - bound);
        assertThat(bounded.stats().invalidations()).as("an eviction is not an invalidation").isZero();
    }

    @Test
    void keysBeyondTheBoundStillReadTheirOwnValues() {
        CacheRegion<String> bounded = cache.region(boundedSpec());
        loadThousandKeys(bounded);

        for (int i = 0; i < 1_000; i++) {
            int index = i;
            assertThat(bounded.getIfPresent("k" + i)).as("k%s", i).isIn(Optional.empty(), Optional.of("v" + i));
            assertThat(bounded.get("k" + i, key -> "v" + index)).as("k%s", i).isEqualTo("v" + i);
        }
    }

    private CacheRegionSpec<String> boundedSpec() {
        return new CacheRegionSpec<>("bounded-" + suffix, 100, LONG_TTL, StringCodec.UTF_8);
    }

    private static void loadThousandKeys(CacheRegion<String> region) {
        for (int i = 0; i < 1_000; i++) {
            int index = i;
            assertThat(region.get("k" + i, key -> "v" + index)).isEqualTo("v" + i);
        }
    }

    private static long presentOfThousandKeys(CacheRegion<String> region) {
        return IntStream.range(0, 1_000).filter(i -> region.getIfPresent("k" + i).isPresent()).count();
    }

    @Test
    void anEntryOlderThanTheTtlIsNotReturnedHoweverOftenItIsRead() {
        if (!ttlFollowsSettingsClock()) {
            anEntryOlderThanAShortRealTtlIsNotReturned();
            return;
        }
        CacheRegion<String> aging = cache.region(
                new CacheRegionSpec<>("aging-" + suffix, ROOMY, Duration.ofMinutes(10), StringCodec.UTF_8));
        aging.get("a", CountingLoader.returning("a1"));

        clock.advance(Duration.ofMinutes(6));
        assertThat(aging.get("a", NOT_CALLED)).as("6 minutes after the write").isEqualTo("a1");
        clock.advance(Duration.ofMinutes(5));
        assertThat(aging.getIfPresent("a")).as("11 minutes after the write, though read at 6").isEmpty();

        CountingLoader reload = CountingLoader.returning("a2");
        assertThat(aging.get("a", reload)).isEqualTo("a2");
        assertThat(reload.calls()).as("the expired entry is reloaded").isEqualTo(1);
        clock.advance(Duration.ofMinutes(9));
        assertThat(aging.getIfPresent("a")).as("9 minutes after the reload: the age restarts with the write")
                .contains("a2");
    }

    private void anEntryOlderThanAShortRealTtlIsNotReturned() {
        CacheRegion<String> aging = cache.region(
                new CacheRegionSpec<>("aging-" + suffix, ROOMY, Duration.ofMillis(300), StringCodec.UTF_8));
        aging.get("a", CountingLoader.returning("a1"));

        sleep(Duration.ofMillis(1_200));

        assertThat(aging.getIfPresent("a")).as("1.2 s after a write with a 300 ms TTL").isEmpty();
        assertThat(aging.get("a", CountingLoader.returning("a2"))).isEqualTo("a2");
    }

    // ---- health and lifecycle -------------------------------------------------------------------

    @Test
    void aFreshCacheIsUpAndNamesItsProviderAndLocationWithoutCredentials() {
        CacheHealth health = cache.health();

        assertThat(health.status()).isEqualTo(CacheHealth.Status.UP);
        assertThat(health.provider()).as("provider").isNotBlank();
        assertThat(health.location()).as("location").isNotBlank()
                .doesNotContainPattern("://[^/]*@")
                .doesNotContainIgnoringCase("password");
    }

    @Test
    void closeIsIdempotentAndHealthNeverThrows() {
        region("agents").get("a", CountingLoader.returning("alice"));

        cache.close();
        cache.close();

        assertThat(cache.health()).as("health of a closed cache").isNotNull();
    }

    // ---- shared caches: what every process sharing the cache sees -------------------------------

    @Test
    void aValueCachedThroughOneHandleIsEventuallyAHitThroughAnother() {
        Cache other = secondCache();
        CacheRegion<String> here = region("agents");
        CacheRegion<String> there = other.region(spec("agents"));

        here.get("a", CountingLoader.returning("alice"));

        // Sharing entries saves loads, it does not make reads correct: it may lag, so it is awaited.
        awaitUpTo(EVENTUALLY, () -> there.getIfPresent("a").isPresent());
        assertThat(there.get("a", NOT_CALLED)).isEqualTo("alice");
    }

    @ParameterizedTest
    @EnumSource(Invalidation.class)
    void anInvalidationThroughOneHandleHoldsForAnotherOnceItReturns(Invalidation invalidation) {
        Cache other = secondCache();
        CacheRegion<String> here = region("agents");
        CacheRegion<String> there = other.region(spec("agents"));
        here.get("a", CountingLoader.returning("old"));
        there.get("a", CountingLoader.returning("old"));

        invalidation.apply(here, "a");

        // Correctness, unlike sharing, cannot wait: the other process's very next read must reload.
        assertThat(there.getIfPresent("a")).as("through the other handle, right after the invalidation")
                .isNotEqualTo(Optional.of("old"));
        assertThat(there.get("a", CountingLoader.returning("new"))).isEqualTo("new");
        assertThat(here.get("a", CountingLoader.returning("new"))).isEqualTo("new");
    }

    @ParameterizedTest
    @EnumSource(Invalidation.class)
    void aLoadInOneProcessNeverInstallsAfterAnInvalidationInAnother(Invalidation invalidation) {
        Cache other = secondCache();

        Outcome outcome = StaleSetScenario.across(other.region(spec("agents")), region("agents"))
                .run("a", invalidation, true);

        assertNoStaleSet(outcome);
    }

    @Test
    void eightThreadsOnTwoHandlesNeverReadAValueOlderThanTheLastReturnedInvalidation() {
        Cache other = secondCache();

        StaleReadHammer.Report report = StaleReadHammer.run(
                List.of(region("agents"), other.region(spec("agents"))), 8, 1_000, 16);

        assertThat(report.staleReads()).as("stale reads among %s reads and %s writes: %s",
                report.reads(), report.writes(), report.examples()).isZero();
    }

    // ---- helpers --------------------------------------------------------------------------------

    /** A loader that returns one value and counts its calls. */
    private static final class CountingLoader implements Function<String, String> {
        private final String value;
        private final AtomicInteger calls = new AtomicInteger();

        private CountingLoader(String value) {
            this.value = value;
        }

        static CountingLoader returning(String value) {
            return new CountingLoader(value);
        }

        @Override
        public String apply(String key) {
            calls.incrementAndGet();
            return value;
        }

        int calls() {
            return calls.get();
        }
    }

    /** Returns once {@code done} holds or {@code limit} passed; the assertions after it say which. */
    private static void awaitUpTo(Duration limit, BooleanSupplier done) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!done.getAsBoolean() && System.nanoTime() < deadline) {
            sleep(Duration.ofMillis(20));
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting", e);
        }
    }
}
