package dev.agenthive.it.cache;

import dev.agenthive.api.agent.AgentRegistration;
import dev.agenthive.api.agent.AgentStatus;
import dev.agenthive.api.cache.CacheStats;
import dev.agenthive.core.Hive;
import dev.agenthive.core.config.HiveConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The cache's Micrometer meters count what the hive did. */
class CacheMetersTest {
    @TempDir
    Path dir;

    @Test
    void theMetersCountTheReadsHitsMissesAndInvalidationsOfEachRegion() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (Hive hive = Hive.open(HiveConfig.builder().isolated().storageUrl("sqlite:" + dir.resolve("hive.db"))
                .maintenanceInterval(Duration.ZERO).build(), registry)) {
            hive.agents().register(AgentRegistration.of("a", "worker", Set.of()));
            for (int i = 0; i < 10; i++) {
                hive.agents().find("a");
            }
            hive.agents().setStatus("a", AgentStatus.IDLE);
            hive.agents().find("a");

            CacheStats agents = hive.cacheStats().get("agents");
            assertThat(agents.misses()).as("first read and the read after the write").isEqualTo(2);
            assertThat(agents.hits()).isEqualTo(9);
            assertThat(registry.get("cache.gets").tag("cache", "agents").tag("result", "hit").functionCounter().count())
                    .isEqualTo(9);
            assertThat(registry.get("cache.gets").tag("cache", "agents").tag("result", "miss").functionCounter().count())
                    .isEqualTo(2);
            assertThat(registry.get("cache.invalidations").tag("cache", "agents").functionCounter().count())
                    .isEqualTo(agents.invalidations()).isPositive();
            assertThat(registry.get("cache.hit.ratio").tag("cache", "agents").gauge().value())
                    .isEqualTo(9.0 / 11);
            assertThat(registry.get("cache.loads").tag("cache", "agents").functionTimer().count()).isEqualTo(2);
        }
    }

    @Test
    void theMetersStillReadTheCacheAfterAGarbageCollection() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (Hive hive = Hive.open(HiveConfig.builder().isolated().storageUrl("sqlite:" + dir.resolve("hive.db"))
                .maintenanceInterval(Duration.ZERO).build(), registry)) {
            hive.agents().register(AgentRegistration.of("a", "worker", Set.of()));
            hive.agents().find("a");
            hive.agents().find("a");

            // Micrometer keeps a function meter's object by a weak reference only.
            System.gc();

            assertThat(registry.get("cache.gets").tag("cache", "agents").tag("result", "hit").functionCounter().count())
                    .isEqualTo(1);
            assertThat(registry.get("cache.hit.ratio").tag("cache", "agents").gauge().value()).isEqualTo(0.5);
            assertThat(registry.get("cache.loads").tag("cache", "agents").functionTimer().count()).isEqualTo(1);
        }
    }
}
