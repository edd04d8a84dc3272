package dev.agenthive.importer.claudeflow;

import dev.agenthive.api.agent.AgentStatus;
import dev.agenthive.api.json.Json;
import dev.agenthive.api.memory.JsonType;
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
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** The claude-flow fixture imported into a real SQLite hive, read back through the hive's services. */
class ClaudeFlowImportRunTest {

    private static final String SWARM = "swarm-1796563268099-jaq8j2v04";

    @TempDir
    Path temp;

    @Test
    void theFixtureLandsInAHiveAndASecondImportBringsNothingNew() throws Exception {
        Path folder = Path.of(getClass().getResource("/fixtures/claude-flow/alpha113-demo").toURI());
        HiveConfig config = HiveConfig.builder().isolated()
                .storageUrl("sqlite:" + temp.resolve("hive.db"))
                // Blobs in the store itself: hive-import has no blob store module on its class path.
                .blobUrl(HiveConfig.STORE_BLOBS)
                .maintenanceInterval(Duration.ZERO)
                .build();

        ImportReport first = importInto(folder, config);
        ImportReport second = importInto(folder, config);

        assertThat(first.entries()).filteredOn(e -> e.outcome() == ImportOutcome.REJECTED).isEmpty();
        RecordingSink given = new RecordingSink();
        new ClaudeFlowImporter().read(folder, given);
        assertThat(first.imported()).as("every row the importer gives is written").isEqualTo(given.rows.size());
        assertThat(second.imported()).isZero();
        assertThat(second.alreadyImported()).isEqualTo(first.imported());
        try (Hive hive = Hive.open(config)) {
            assertThat(hive.agents().get("queen-" + SWARM).status()).isEqualTo(AgentStatus.ACTIVE);
            assertThat(hive.agents().get("worker-" + SWARM + "-2").capabilities())
                    .containsExactlyInAnyOrder("data-analysis", "pattern-recognition", "reporting", "visualization");
            assertThat(hive.tasks().get("hooks:task-login").status()).isEqualTo(TaskStatus.COMPLETED);
            assertThat(hive.tasks().get("hooks:task-login").finishedAt()).isEqualTo(Instant.parse("2026-12-06T13:21:04.593Z"));
            assertThat(hive.tasks().get("hooks:task-api-tests").status()).isEqualTo(TaskStatus.QUEUED);
            assertThat(hive.projects().taskIds("claude-flow:alpha113-demo"))
                    .containsExactlyInAnyOrder("hooks:task-login", "hooks:task-api-tests");
            assertThat(hive.projects().get(SWARM).parentId()).isEqualTo("claude-flow:alpha113-demo");
            var design = hive.sharedMemory().get("default", "api-design").orElseThrow();
            assertThat(design.value()).isEqualTo(new Json("\"REST with JSON bodies\""));
            assertThat(design.dataType()).isEqualTo(JsonType.STRING);
            assertThat(hive.sharedMemory().get("settings", "retries").orElseThrow().dataType()).isEqualTo(JsonType.NUMBER);
            assertThat(hive.sessions().find("session-1796563268100-slg891ff8").orElseThrow().active()).isFalse();
        }
    }

    private static ImportReport importInto(Path folder, HiveConfig config) {
        try (OpenedStore opened = Hive.openStore(config)) {
            return ImportRun.run(new ClaudeFlowImporter(), folder, opened.store(),
                    new JsonCodec(config.jsonMaxDepth(), config.jsonMaxBytes()));
        }
    }
}
