package dev.agenthive.importer.claudeflow;

import dev.agenthive.api.agent.AgentStatus;
import dev.agenthive.api.json.Json;
import dev.agenthive.core.Hive;
import dev.agenthive.core.OpenedStore;
import dev.agenthive.core.config.HiveConfig;
import dev.agenthive.core.importer.ImportReport;
import dev.agenthive.core.importer.ImportRun;
import dev.agenthive.core.json.JsonCodec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The claude-flow state committed in claude-flow's own repository (see the fixture's README): the older
 * {@code hive.db} schema left in WAL mode, {@code memories} rows and the legacy memory store, imported
 * as they are, without changing a byte of them.
 */
class ClaudeFlowRepoSamplesTest {
    private static final String SWARM = "swarm-1751810735282-c66g58um2";

    @TempDir
    Path temp;

    @Test
    void theOlderSchemaInWalModeAndTheLegacyMemoryImportWithoutTouchingTheFiles() throws Exception {
        Path folder = copy();
        Map<String, String> before = hashes(folder);

        RecordingSink sink = new RecordingSink();
        new ClaudeFlowImporter().read(folder, sink);

        assertThat(hashes(folder)).isEqualTo(before);
        assertThat(sink.rejected).isEmpty();
        assertThat(sink.table("agents")).hasSize(15);
        assertThat(sink.find("agents", "id", "queen-" + SWARM).orElseThrow()).containsEntry("status", "active");
        assertThat(sink.find("agents", "id", "worker-" + SWARM + "-0").orElseThrow()).containsEntry("status", "idle");
        assertThat(sink.table("projects")).filteredOn(row -> "epic".equals(row.get("kind"))).hasSize(3);
        assertThat(sink.memory("hive-mind", "project-goal"))
                .containsEntry("value", "\"Build an advanced AI swarm coordination system\"")
                .containsEntry("data_type", "string");
        assertThat(sink.memory("default", "key18")).containsEntry("value", "\"value18\"");

        HiveConfig config = HiveConfig.builder().isolated().storageUrl("sqlite:" + temp.resolve("hive.db"))
                .blobUrl(HiveConfig.STORE_BLOBS).maintenanceInterval(Duration.ZERO).build();
        ImportReport report;
        try (OpenedStore opened = Hive.openStore(config)) {
            report = ImportRun.run(new ClaudeFlowImporter(), folder, opened.store(),
                    new JsonCodec(config.jsonMaxDepth(), config.jsonMaxBytes()));
        }
        assertThat(report.rejected()).isZero();
        assertThat(report.imported()).isEqualTo(sink.rows.size());
        try (Hive hive = Hive.open(config)) {
            assertThat(hive.agents().get("queen-" + SWARM).status()).isEqualTo(AgentStatus.ACTIVE);
            assertThat(hive.sharedMemory().get("hive-mind", "team-size").orElseThrow().value())
                    .isEqualTo(new Json("\"8 specialized agents\""));
        }
        assertThat(hashes(folder)).isEqualTo(before);
    }

    private Path copy() throws IOException, URISyntaxException {
        Path source = Path.of(getClass().getResource("/fixtures/claude-flow/repo-samples").toURI());
        Path target = temp.resolve("checkout");
        try (Stream<Path> paths = Files.walk(source)) {
            for (Path path : paths.toList()) {
                Path copy = target.resolve(source.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(path, copy);
                }
            }
        }
        return target;
    }

    private static Map<String, String> hashes(Path folder) throws IOException, NoSuchAlgorithmException {
        Map<String, String> hashes = new TreeMap<>();
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.filter(Files::isRegularFile).toList()) {
                hashes.put(folder.relativize(path).toString(),
                        HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(path))));
            }
        }
        return hashes;
    }
}
