package dev.agenthive.core;

import dev.agenthive.api.health.ComponentHealth;
import dev.agenthive.api.health.HealthStatus;
import dev.agenthive.api.health.HiveHealth;
import dev.agenthive.core.config.HiveConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link Hive#health()} on a real SQLite file and blob folder: every part, and the overall verdict. */
class HiveHealthTest {
    @TempDir
    Path dir;

    @Test
    void aFreshHiveIsUpInEveryPart() {
        try (Hive hive = Hive.open(TestHives.config(dir).build())) {
            HiveHealth health = hive.health();

            assertThat(health.status()).as(health.toString()).isEqualTo(HealthStatus.UP);
            assertThat(health.components()).containsOnlyKeys(HiveHealth.STORE, HiveHealth.NOTIFIER, HiveHealth.CACHE,
                    HiveHealth.BLOB_STORE);
            assertThat(health.store().provider()).isEqualTo("sqlite");
            assertThat(health.store().location()).isEqualTo(hive.location());
            assertThat(health.store().details()).containsEntry("journal_mode", "wal").containsKey("wal_bytes");
            assertThat(component(health, HiveHealth.NOTIFIER).provider()).isEqualTo("in-process");
            assertThat(component(health, HiveHealth.CACHE).provider()).isEqualTo("caffeine");
            assertThat(component(health, HiveHealth.BLOB_STORE).provider()).isEqualTo("file");
            assertThat(health.components().values()).allSatisfy(part -> assertThat(part.lastError()).isNull());
        }
    }

    @Test
    void aBlobFolderThatWentAwayLeavesTheHiveDegraded() throws IOException {
        Path blobs = dir.resolve("hive.db-blobs");
        try (Hive hive = Hive.open(TestHives.config(dir).build())) {
            delete(blobs);

            HiveHealth health = hive.health();

            assertThat(health.status()).as(health.toString()).isEqualTo(HealthStatus.DEGRADED);
            assertThat(health.store().status()).isEqualTo(HealthStatus.UP);
            ComponentHealth blobStore = component(health, HiveHealth.BLOB_STORE);
            assertThat(blobStore.status()).isEqualTo(HealthStatus.DOWN);
            assertThat(blobStore.lastError()).contains("is missing").contains(blobs.getFileName().toString());
        }
    }

    @Test
    void aCacheTurnedOffIsNoFailure() {
        try (Hive hive = Hive.open(TestHives.config(dir).cacheUrl(HiveConfig.NO_CACHE).build())) {
            HiveHealth health = hive.health();

            assertThat(health.status()).isEqualTo(HealthStatus.UP);
            assertThat(component(health, HiveHealth.CACHE).provider()).isEqualTo("none");
            assertThat(component(health, HiveHealth.CACHE).details()).containsKey("off");
        }
    }

    @Test
    void aClosedHiveIsDownAndSaysWhyWithoutThrowing() {
        Hive hive = Hive.open(TestHives.config(dir).build());
        hive.close();

        HiveHealth health = hive.health();

        assertThat(health.status()).isEqualTo(HealthStatus.DOWN);
        assertThat(health.store().lastError()).isEqualTo("store is closed");
    }

    private static ComponentHealth component(HiveHealth health, String name) {
        return health.component(name).orElseThrow();
    }

    private static void delete(Path folder) throws IOException {
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
