package dev.agenthive.it.observe;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;

import static org.assertj.core.api.Assertions.assertThat;

class SqliteHiveMetersTest extends HiveMetersContract {
    private int stores;

    @Override
    String newStorageUrl() {
        return "sqlite:" + dir.resolve("hive-" + (stores++) + ".db");
    }

    @Override
    String provider() {
        return "sqlite";
    }

    @Override
    void assertStoreMeters(MeterRegistry registry) {
        double commits = registry.get("hive.store.commit").tag("store", "sqlite").functionTimer().count();
        assertThat(commits).as("group commits").isGreaterThanOrEqualTo(1);
        assertThat(functionCount(registry, "hive.store.batch.operations")).isGreaterThanOrEqualTo(commits);
        assertThat(registry.get("hive.store.batches").functionCounters()).hasSize(8)
                .extracting(FunctionCounter::count)
                .satisfies(bySize -> assertThat(bySize.stream().mapToDouble(Double::doubleValue).sum())
                        .as("batches of every size add up to the commits").isEqualTo(commits));
        assertThat(registry.get("hive.store.lock.wait").functionTimer().count()).isGreaterThanOrEqualTo(commits);
        assertThat(functionCount(registry, "hive.store.retries")).isZero();
        assertThat(registry.get("hive.store.writer.queued").gauge().value()).isZero();
    }
}
