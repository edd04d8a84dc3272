package dev.agenthive.importer.leanvibe;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Damaged copies of the real fixture, made here: each damage is reported and the rest still imports. */
class LeanVibeDamagedTest {

    @TempDir
    Path temp;

    private Path folder;

    @BeforeEach
    void copyFixture() throws IOException {
        folder = LeanVibeFixtures.copy("basic", temp);
    }

    private RecordingSink importUtc() {
        RecordingSink sink = new RecordingSink();
        new LeanVibeImporter(ZoneOffset.UTC).read(folder, sink);
        return sink;
    }

    @Test
    void anEmptyDatabaseIsSkippedAndTheOthersImport() throws IOException {
        Files.write(folder.resolve(".claude/state/agent_hive.db"), new byte[0]);

        RecordingSink sink = importUtc();

        assertThat(sink.skipped).anySatisfy(report -> assertThat(report)
                .isEqualTo(new RecordingSink.Report("files", ".claude/state/agent_hive.db", "empty file")));
        assertThat(sink.column("agents", "id")).doesNotContain("orchestrator", "crashy");
        // Without agent_hive.db, state_manager.db's backend-1 is the first one read.
        assertThat(sink.row("agents", "id", "backend-1").get("status")).isEqualTo("idle");
        assertThat(sink.column("tasks", "id")).contains("task-001", "task-004");
        assertThat(sink.rejected).isEmpty();
    }

    @Test
    void aTruncatedDatabaseIsRejectedAndTheOthersImport() throws IOException {
        Path db = folder.resolve("state_manager.db");
        byte[] bytes = Files.readAllBytes(db);
        Files.write(db, Arrays.copyOf(bytes, 100));

        RecordingSink sink = importUtc();

        assertThat(sink.rejected).anySatisfy(report -> {
            assertThat(report.origin()).startsWith("state_manager.db");
            assertThat(report.reason()).isNotBlank();
        });
        assertThat(sink.column("tasks", "id")).doesNotContain("task-002").contains("hive-task-1", "cs-task-2");
        assertThat(sink.column("agents", "id")).contains("orchestrator").doesNotContain("frontend-1");
    }

    @Test
    void rawTextWhereJsonBelongsRejectsThatRowOnly() throws Exception {
        update("state_manager.db", "UPDATE tasks SET metadata = ? WHERE task_id = ?", "title: Write API docs", "task-002");

        RecordingSink sink = importUtc();

        assertThat(sink.rejected).singleElement().satisfies(report -> {
            assertThat(report.kind()).isEqualTo("tasks");
            assertThat(report.origin()).isEqualTo("state_manager.db tasks task_id=task-002");
            assertThat(report.reason()).startsWith("metadata is not JSON");
        });
        assertThat(sink.column("tasks", "id")).doesNotContain("task-002").contains("task-001", "task-003", "task-004");
    }

    @Test
    void aSnapshotOfAnAgentNoFileRegistersIsRejected() throws Exception {
        update(".claude/state/agent_hive.db", "UPDATE memory_snapshots SET agent_id = ? WHERE snapshot_type = ?", "nobody", "sleep");

        RecordingSink sink = importUtc();

        assertThat(sink.rejected).singleElement().satisfies(report -> {
            assertThat(report.origin()).isEqualTo(".claude/state/agent_hive.db memory_snapshots snapshot_id=backend-1_sleep_1796563145");
            assertThat(report.reason()).isEqualTo("agent nobody is not imported");
        });
        assertThat(sink.column("memory_snapshots", "id")).contains("orchestrator_checkpoint_1796563145");
    }

    @Test
    void aPythonReprInAJsonFileIsRejectedWithTheHint() throws IOException {
        Files.writeString(folder.resolve(".claude/agents/repr.json"), "{'agent_id': 'repr', 'status': 'active'}");

        RecordingSink sink = importUtc();

        assertThat(sink.rejected).singleElement().satisfies(report -> {
            assertThat(report.origin()).isEqualTo(".claude/agents/repr.json");
            assertThat(report.reason()).contains("a Python repr?");
        });
        assertThat(sink.column("agents", "id")).contains("frontend-Jul-16-0208");
    }

    @Test
    void anUnknownStatusRejectsThatAgentAndItsWorkStaysUnassigned() throws Exception {
        update("state_manager.db", "UPDATE agents SET status = ? WHERE agent_id = ?", "dancing", "frontend-1");

        RecordingSink sink = importUtc();

        assertThat(sink.rejected).singleElement().satisfies(report ->
                assertThat(report.reason()).startsWith("status 'dancing' is none of"));
        assertThat(sink.row("tasks", "id", "task-004").get("assigned_agent")).isNull();
    }

    @Test
    void rowsStillOnlyInTheWriteAheadLogAreReadAndTheLogIsLeftAlone() throws Exception {
        // Build the WAL elsewhere and copy it in while its writer is open, as a running LeanVibe leaves it.
        Path live = Files.createDirectory(temp.resolve("live"));
        Path db = live.resolve("agent_hive.db");
        Files.copy(folder.resolve(".claude/state/agent_hive.db"), db);
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + db)) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("PRAGMA journal_mode=WAL");
                statement.execute("PRAGMA wal_autocheckpoint=0");
            }
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO agents (agent_id, status, created_at, updated_at) VALUES (?, 'running', ?, ?)")) {
                insert.setString(1, "wal-agent");
                insert.setString(2, "2025-07-17T10:00:00");
                insert.setString(3, "2025-07-17T10:00:00");
                insert.executeUpdate();
            }
            Path target = folder.resolve(".claude/state");
            Files.copy(db, target.resolve("agent_hive.db"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            Files.copy(live.resolve("agent_hive.db-wal"), target.resolve("agent_hive.db-wal"));
        }
        Map<String, String> before = LeanVibeFixtures.hashes(folder);
        assertThat(before).containsKey(".claude/state/agent_hive.db-wal");

        RecordingSink sink = importUtc();

        assertThat(sink.row("agents", "id", "wal-agent").get("status")).isEqualTo("active");
        assertThat(LeanVibeFixtures.hashes(folder)).isEqualTo(before);
        assertThat(sink.rejected).isEmpty();
    }

    private void update(String db, String sql, String... parameters) throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + folder.resolve(db));
             PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setString(i + 1, parameters[i]);
            }
            assertThat(statement.executeUpdate()).as(sql).isPositive();
        }
    }
}
