package dev.agenthive.tck.cache;

import dev.agenthive.tck.cache.StaleSetScenario.Invalidation;
import dev.agenthive.tck.cache.StaleSetScenario.Outcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The proof that the cache contract bites: its stale-set tools find the stale entry that a naive
 * cache-aside leaves, with every kind of invalidation.
 */
class StaleSetScenarioTest {

    @ParameterizedTest
    @EnumSource(Invalidation.class)
    void theScenarioFindsTheStaleEntryOfANaiveCacheAside(Invalidation invalidation) {
        Outcome outcome = StaleSetScenario.on(new NaiveCacheAside<>()).run("a", invalidation, false);

        assertThat(outcome.heldLoadReturned()).isEqualTo(outcome.oldValue());
        assertThat(outcome.invalidationWaited()).isFalse();
        assertThat(outcome.presentAfter()).containsExactly(Optional.of(outcome.oldValue()));
        assertThat(outcome.staleValueSurvived()).as("%s", outcome).isTrue();
    }

    @ParameterizedTest
    @EnumSource(Invalidation.class)
    void theHeldLoadOverwritesALaterLoadInANaiveCacheAside(Invalidation invalidation) {
        Outcome outcome = StaleSetScenario.on(new NaiveCacheAside<>()).run("a", invalidation, true);

        assertThat(outcome.reloadReturned()).contains(outcome.newValue());
        assertThat(outcome.staleValueSurvived()).as("%s", outcome).isTrue();
    }

    @Test
    void theScenarioFindsTheStaleEntryAcrossTwoHandles() {
        Map<String, String> shared = new ConcurrentHashMap<>();

        Outcome outcome = StaleSetScenario.across(new NaiveCacheAside<>(shared), new NaiveCacheAside<>(shared))
                .run("a", Invalidation.KEY, false);

        assertThat(outcome.presentAfter()).as("through both handles")
                .containsExactly(Optional.of(outcome.oldValue()), Optional.of(outcome.oldValue()));
        assertThat(outcome.staleValueSurvived()).as("%s", outcome).isTrue();
    }

    @Test
    void theHammerFindsStaleReadsOfANaiveCacheAside() {
        // The hammer races for real, so a round may miss; in practice the first one finds dozens.
        long stale = 0;
        for (int round = 0; round < 5 && stale == 0; round++) {
            stale = StaleReadHammer.run(List.of(new NaiveCacheAside<>()), 8, 2_000, 16).staleReads();
        }

        assertThat(stale).as("stale reads of a naive cache-aside").isPositive();
    }
}
