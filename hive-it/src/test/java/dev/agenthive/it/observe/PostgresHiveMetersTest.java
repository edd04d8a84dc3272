package dev.agenthive.it.observe;

import dev.agenthive.it.postgres.PostgresTestServer;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PostgresHiveMetersTest extends HiveMetersContract {
    private final PostgresTestServer server = PostgresTestServer.get();
    private final List<String> databases = new ArrayList<>();

    @AfterEach
    void dropDatabases() {
        databases.forEach(server::drop);
    }

    @Override
    String newStorageUrl() {
        String url = server.freshDatabase();
        databases.add(url);
        return url;
    }

    @Override
    String provider() {
        return "postgresql";
    }

    @Override
    void assertStoreMeters(MeterRegistry registry) {
        assertThat(gauge(registry, "hive.store.connections.total")).isPositive();
        assertThat(gauge(registry, "hive.store.connections.active")).isNotNegative();
        assertThat(gauge(registry, "hive.store.connections.idle")).isNotNegative();
        assertThat(gauge(registry, "hive.store.connections.active") + gauge(registry, "hive.store.connections.idle"))
                .isEqualTo(gauge(registry, "hive.store.connections.total"));
        assertThat(gauge(registry, "hive.store.connections.pending")).isZero();
        assertThat(registry.get("hive.store.connections.acquire").tag("store", "postgresql").functionTimer().count())
                .as("connections handed out by the pool").isPositive();
        assertThat(functionCount(registry, "hive.store.connections.timeouts")).isZero();
        assertThat(functionCount(registry, "hive.store.retries")).isNotNegative();
        assertThat(functionCount(registry, "hive.store.serialization.failures")).isNotNegative();
        assertThat(functionCount(registry, "hive.store.notifier.reconnects")).isZero();
    }

    private static double gauge(MeterRegistry registry, String name) {
        return registry.get(name).tag("store", "postgresql").gauge().value();
    }
}
