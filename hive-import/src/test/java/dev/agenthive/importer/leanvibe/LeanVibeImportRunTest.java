package dev.agenthive.importer.leanvibe;

import dev.agenthive.api.agent.AgentStatus;
import dev.agenthive.api.snapshot.MemorySnapshot;
import dev.agenthive.api.task.TaskStatus;
import dev.agenthive.core.Hive;
import dev.agenthive.core.OpenedStore;
import dev.agenthive.core.config.HiveConfig;
import dev.agenthive.core.json.JsonCodec;
import dev.agenthive.core.importer.ImportOutcome;
import dev.agenthive.core.importer.ImportReport;
import dev.agenthive.core.importer.ImportRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The LeanVibe fixture imported into a real SQLite hive through ImportRun, read back through the hive's services. */
class LeanVibeImportRunTest {

    @TempDir
    Path temp;

    @Test
    void theFixtureLandsInAHiveAndASecondImportBringsNothingNew() throws Exception {
        Path folder = LeanVibeFixtures.copy("basic", temp.resolve("project"));
        HiveConfig config = HiveConfig.builder().isolated()
                .storageUrl("sqlite:" + temp.resolve("hive.db"))
                // Blobs in the store itself: hive-import has no blob store module on its class path.
                .blobUrl(HiveConfig.STORE_BLOBS)
                .maintenanceInterval(Duration.ZERO)
                .build();

        ImportReport first = importInto(folder, config);
        ImportReport second = importInto(folder, config);

        assertThat(first.entries()).filteredOn(entry -> entry.outcome() == ImportOutcome.REJECTED).isEmpty();
        RecordingSink given = new RecordingSink();
        new LeanVibeImporter(ZoneOffset.UTC).read(folder, given);
        assertThat(first.imported()).as("every row the importer gives is written").isEqualTo(given.rows.size());
        assertThat(second.imported()).isZero();
        assertThat(second.alreadyImported()).isEqualTo(first.imported());
        try (Hive hive = Hive.open(config)) {
            assertThat(hive.agents().get("backend-1").status()).isEqualTo(AgentStatus.SLEEPING);
            assertThat(hive.agents().get("crashy").status()).isEqualTo(AgentStatus.CRASHED);
            assertThat(hive.tasks().get("task-001").assignedAgent()).isEqualTo("backend-1");
            assertThat(hive.tasks().get("task-001").status()).isEqualTo(TaskStatus.QUEUED);
            List<MemorySnapshot> sleeps = hive.memory().list("backend-1", "sleep", 10);
            assertThat(sleeps).hasSize(1);
            assertThat(sleeps.get(0).content().text()).contains("\"summary\":\"login endpoint fixed\"");
        }
    }

    private static ImportReport importInto(Path folder, HiveConfig config) {
        try (OpenedStore opened = Hive.openStore(config)) {
            return ImportRun.run(new LeanVibeImporter(ZoneOffset.UTC), folder, opened.store(),
                    new JsonCodec(config.jsonMaxDepth(), config.jsonMaxBytes()));
        }
    }
}
