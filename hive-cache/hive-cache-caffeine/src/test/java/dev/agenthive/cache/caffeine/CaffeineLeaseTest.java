package dev.agenthive.cache.caffeine;

import dev.agenthive.api.cache.Cache;
import dev.agenthive.api.cache.CacheHealth;
import dev.agenthive.api.cache.CacheRegion;
import dev.agenthive.api.cache.CacheRegionSpec;
import dev.agenthive.api.spi.CacheSettings;
import dev.agenthive.tck.cache.SettableClock;
import dev.agenthive.tck.cache.StaleSetScenario;
import dev.agenthive.tck.cache.StaleSetScenario.Invalidation;
import dev.agenthive.tck.cache.StringCodec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the lease scheme adds to the TCK: nothing waits for a load in flight, a lease is never an
 * entry, and a closed cache answers from the loader.
 */
class CaffeineLeaseTest {

    private final SettableClock clock = new SettableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final Cache cache = new CaffeineCacheProvider().open(new CacheSettings("caffeine:", Map.of(), clock));
    private final CacheRegion<String> agents = cache.region(
            new CacheRegionSpec<>("agents", 100, Duration.ofMinutes(10), StringCodec.UTF_8));

    @AfterEach
    void close() {
        cache.close();
    }

    @ParameterizedTest
    @EnumSource(Invalidation.class)
    void anInvalidationDoesNotWaitForTheLoadInFlight(Invalidation invalidation) {
        StaleSetScenario.Outcome outcome = StaleSetScenario.on(agents).run("a", invalidation, true);

        assertThat(outcome.invalidationWaited()).as("the invalidation waited for the loader").isFalse();
        assertThat(outcome.reloadReturned()).as("a load after the invalidation, while the first is held")
                .contains(outcome.newValue());
    }

    @Test
    void aSecondLoadOfAKeyInFlightLoadsForItselfAndCachesNothing() throws Exception {
        HeldLoad first = HeldLoad.start(agents, "a", "first");

        String second = CompletableFuture.supplyAsync(() -> agents.get("a", key -> "second"))
                .get(10, TimeUnit.SECONDS);

        assertThat(second).isEqualTo("second");
        assertThat(agents.getIfPresent("a")).as("while the first load is held").isEmpty();
        assertThat(first.release()).isEqualTo("first");
        assertThat(agents.getIfPresent("a")).as("the first load holds the lease and installs").contains("first");
    }

    @Test
    void aLoadInstallsOnlyOverItsOwnLease() throws Exception {
        HeldLoad before = HeldLoad.start(agents, "a", "old");
        agents.invalidate("a");
        HeldLoad after = HeldLoad.start(agents, "a", "new");

        assertThat(before.release()).isEqualTo("old");
        assertThat(agents.getIfPresent("a")).as("the load from before the invalidation finished first").isEmpty();
        assertThat(after.release()).isEqualTo("new");
        assertThat(agents.getIfPresent("a")).contains("new");
    }

    @Test
    void aLeaseIsNotAnEntry() throws Exception {
        HeldLoad held = HeldLoad.start(agents, "a", "alice");

        assertThat(cache.health().details()).as("while the load is held")
                .containsEntry("regions", "1").containsEntry("entries", "0");
        assertThat(agents.getIfPresent("a")).isEmpty();

        held.release();
        assertThat(cache.health().details()).containsEntry("entries", "1");
    }

    @Test
    void aLoadSlowerThanTheTtlReturnsItsValueAndCachesNothing() {
        String value = agents.get("a", key -> {
            clock.advance(Duration.ofMinutes(11));
            return "late";
        });

        assertThat(value).isEqualTo("late");
        assertThat(agents.getIfPresent("a")).as("the lease expired under the load").isEmpty();
        assertThat(agents.get("a", key -> "fresh")).isEqualTo("fresh");
        assertThat(agents.getIfPresent("a")).contains("fresh");
        assertThat(agents.stats().evictions()).as("an expired lease is not an eviction").isZero();
    }

    @Test
    void aClosedCacheAnswersFromTheLoaderAndCachesNothing() {
        agents.get("a", key -> "alice");

        cache.close();

        assertThat(agents.getIfPresent("a")).isEmpty();
        assertThat(agents.get("a", key -> "again")).isEqualTo("again");
        assertThat(agents.getIfPresent("a")).isEmpty();
        CacheHealth health = cache.health();
        assertThat(health.status()).isEqualTo(CacheHealth.Status.DEGRADED);
        assertThat(health.details()).containsEntry("state", "closed").containsEntry("entries", "0");
    }

    /** A get whose loader is held after it read its value, until released. */
    private static final class HeldLoad {
        private final CountDownLatch running = new CountDownLatch(1);
        private final CountDownLatch release = new CountDownLatch(1);
        private final CompletableFuture<String> result;

        private HeldLoad(CacheRegion<String> region, String key, String value) {
            Function<String, String> loader = ignored -> {
                running.countDown();
                await(release);
                return value;
            };
            result = CompletableFuture.supplyAsync(() -> region.get(key, loader));
        }

        static HeldLoad start(CacheRegion<String> region, String key, String value) {
            HeldLoad load = new HeldLoad(region, key, value);
            await(load.running);
            return load;
        }

        String release() throws Exception {
            release.countDown();
            return result.get(10, TimeUnit.SECONDS);
        }

        private static void await(CountDownLatch latch) {
            try {
                assertThat(latch.await(10, TimeUnit.SECONDS)).as("latch reached").isTrue();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
    }
}
