package dev.agenthive.importer.leanvibe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agenthive.api.error.InvalidInputException;
import dev.agenthive.api.spi.Importer;
import dev.agenthive.importer.leanvibe.RecordingSink.Recorded;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LeanVibeImporterTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path temp;

    private Path folder;

    @BeforeEach
    void copyFixture() throws IOException {
        folder = LeanVibeFixtures.copy("basic", temp);
    }

    // The fixture was generated with TZ=UTC (see its README).
    private RecordingSink importUtc() {
        RecordingSink sink = new RecordingSink();
        new LeanVibeImporter(ZoneOffset.UTC).read(folder, sink);
        return sink;
    }

    @Test
    void importsAgentsFromEveryFileFirstOneWinning() {
        RecordingSink sink = importUtc();

        assertThat(sink.column("agents", "id")).containsExactlyInAnyOrder(
                "orchestrator", "backend-1", "crashy", "frontend-1",
                "frontend-Jul-16-0208", "integration-specialist-Jul-16-0207", "service-mesh-Jul-16-0207");
        Recorded orchestrator = sink.row("agents", "id", "orchestrator");
        assertThat(orchestrator.values()).containsEntry("status", "active").containsEntry("type", "leanvibe")
                .containsEntry("capabilities", "[]")
                .containsEntry("created_at", Instant.parse("2026-12-06T13:19:05.147Z"))
                .containsEntry("last_heartbeat_at", Instant.parse("2026-12-06T13:19:05.151Z"));
        assertThat(json(orchestrator.get("configuration")).at("/leanvibe/process_id").asLong()).isEqualTo(4242);
        // agent_hive.db is read first: its sleeping backend-1 wins over state_manager.db's idle one.
        assertThat(sink.row("agents", "id", "backend-1").get("status")).isEqualTo("sleeping");
        assertThat(sink.skipped).anySatisfy(report -> assertThat(report.origin())
                .isEqualTo("state_manager.db agents agent_id=backend-1"));
        assertThat(sink.row("agents", "id", "crashy").get("status")).isEqualTo("crashed");
        Recorded frontend = sink.row("agents", "id", "frontend-1");
        assertThat(frontend.values()).containsEntry("status", "active").containsEntry("capabilities", "[\"ui\",\"typescript\"]");

        Recorded spawned = sink.row("agents", "id", "frontend-Jul-16-0208");
        assertThat(spawned.values()).containsEntry("type", "frontend").containsEntry("status", "terminated")
                .containsEntry("worktree_path", "new-worktrees/frontend-Jul-16-0208")
                .containsEntry("created_at", Instant.parse("2025-07-16T02:08:47.139Z"))
                .containsEntry("updated_at", Instant.parse("2025-07-16T08:07:11.952Z"));
        assertThat(json(spawned.get("configuration")).at("/leanvibe/success_criteria/0").asText())
                .isEqualTo("API endpoints functional");
        assertThat(sink.rejected).isEmpty();
    }

    @Test
    void importsTasksWithMappedStatusPriorityAndAssignee() {
        RecordingSink sink = importUtc();

        assertThat(sink.column("tasks", "id")).containsExactlyInAnyOrder(
                "task-001", "task-002", "task-003", "task-004", "hive-task-1", "cs-task-2");
        Recorded assigned = sink.row("tasks", "id", "task-001");
        assertThat(assigned.values()).containsEntry("title", "Fix login endpoint").containsEntry("type", "bugfix")
                .containsEntry("status", "queued").containsEntry("priority", -1L)
                .containsEntry("assigned_agent", "backend-1").containsEntry("attempts", 1L)
                .containsEntry("max_attempts", 3L).containsEntry("finished_at", null)
                .containsEntry("available_at", Instant.parse("2026-12-06T13:19:05.119Z"))
                .containsEntry("updated_at", Instant.parse("2026-12-06T13:19:05.123Z"));
        assertThat(json(assigned.get("payload")).at("/leanvibe/status").asText()).isEqualTo("assigned");
        assertThat(sink.row("tasks", "id", "task-002").values()).containsEntry("status", "failed")
                .containsEntry("priority", -3L).containsEntry("attempts", 1L)
                .containsEntry("finished_at", Instant.parse("2026-12-06T13:19:05.125Z"));
        // ghost-agent was never registered: the hive column stays empty, the payload keeps the name.
        Recorded ghost = sink.row("tasks", "id", "task-003");
        assertThat(ghost.values()).containsEntry("assigned_agent", null).containsEntry("status", "queued")
                .containsEntry("title", "task-003").containsEntry("description", "Refactor dashboard");
        assertThat(json(ghost.get("payload")).at("/leanvibe/agent_id").asText()).isEqualTo("ghost-agent");
        assertThat(sink.row("tasks", "id", "task-004").values()).containsEntry("status", "completed")
                .containsEntry("assigned_agent", "frontend-1");
        assertThat(sink.row("tasks", "id", "hive-task-1").values()).containsEntry("title", "Coordinate sprint 2")
                .containsEntry("assigned_agent", "orchestrator").containsEntry("priority", -2L)
                .containsEntry("created_at", Instant.parse("2025-07-16T09:00:00Z"));
        assertThat(sink.skipped).anySatisfy(report -> assertThat(report.origin()).isEqualTo(".claude/state.db tasks id=task-001"));
        assertThat(sink.column("project_tasks", "task_id")).hasSize(6);
        assertThat(Set.copyOf(sink.column("project_tasks", "project_id"))).containsExactly("leanvibe:basic");
    }

    @Test
    void importsSnapshotsCheckpointsMessagesMetricsEventsAndMemory() {
        RecordingSink sink = importUtc();

        Recorded sleep = sink.row("memory_snapshots", "id", "backend-1_sleep_1796563145");
        assertThat(sleep.values()).containsEntry("agent_id", "backend-1").containsEntry("memory_type", "sleep")
                .containsEntry("created_at", Instant.parse("2026-12-06T13:19:05.154Z"));
        assertThat(json(sleep.get("content")).get("summary").asText()).isEqualTo("login endpoint fixed");
        Recorded working = sink.row("memory_snapshots", "memory_type", "working");
        assertThat(working.values()).containsEntry("agent_id", "orchestrator")
                .containsEntry("id", "orchestrator_working_" + Instant.parse("2026-12-06T13:19:05.151Z").toEpochMilli());
        assertThat(json(working.get("content")).get("open_prs").toString()).isEqualTo("[12,14]");
        assertThat(sink.table("memory_snapshots")).hasSize(3);

        assertThat(sink.column("checkpoints", "name")).containsExactlyInAnyOrder("milestone-1#1", "v0.1-foundation", "test-checkpoint");
        Recorded milestone = sink.row("checkpoints", "name", "milestone-1#1");
        assertThat(milestone.values()).containsEntry("project_id", "leanvibe:basic").containsEntry("kind", "milestone")
                .containsEntry("status", "passed").containsEntry("evaluated_at", Instant.parse("2026-12-06T13:19:05.132Z"));
        assertThat(json(milestone.get("last_result")).get("agent_id").asText()).isEqualTo("backend-1");
        // .claude/state.db keeps time.time(): epoch seconds as a REAL.
        Recorded tagged = sink.row("checkpoints", "name", "v0.1-foundation");
        assertThat(tagged.get("evaluated_at")).isEqualTo(Instant.ofEpochMilli(Math.round(1796563145.1737623 * 1000)));
        assertThat(json(tagged.get("criteria")).get("git_tag").asText()).isEqualTo("v0.1-foundation");
        assertThat(json(tagged.get("last_result")).get("avg_confidence").asDouble()).isEqualTo(0.81);
        assertThat(json(sink.row("checkpoints", "name", "test-checkpoint").get("last_result")).get("config").asText())
                .startsWith("CoordinatorConfig(max_agents=10");

        Recorded message = sink.row("agent_messages", "to_agent", "backend-1");
        assertThat(message.values()).containsEntry("from_agent", "orchestrator").containsEntry("type", "task_assignment")
                .containsEntry("payload", "{\"task\":\"task-001\"}").containsEntry("delivery_count", 1L)
                .containsEntry("acked_at", Instant.parse("2025-07-16T09:05:00Z"));
        // pm-agent is no imported agent, so that communication is kept as an event.
        assertThat(sink.table("agent_messages")).hasSize(1);
        Recorded toPm = sink.row("events", "type", "leanvibe.agent_communication");
        assertThat(json(toPm.get("details")).get("message_content").asText()).isEqualTo("Please report status");
        Recorded system = sink.row("events", "type", "leanvibe.system_snapshot");
        assertThat(system.get("occurred_at")).isEqualTo(Instant.parse("2025-07-16T12:00:00.250Z"));
        assertThat(json(system.get("details")).get("quality_score").asDouble()).isEqualTo(0.9);

        Recorded duration = sink.row("performance_metrics", "agent_id", "backend-1");
        assertThat(duration.values()).containsEntry("name", "task_duration").containsEntry("value", 12.5)
                .containsEntry("task_id", "task-001").containsEntry("unit", "s");
        Recorded orphan = sink.row("performance_metrics", "value", 3.25);
        assertThat(orphan.values()).containsEntry("agent_id", null).containsEntry("task_id", null);
        assertThat(json(orphan.get("tags")).get("agent").asText()).isEqualTo("gone-agent");
        assertThat(sink.row("performance_metrics", "agent_id", "frontend-1").get("value")).isEqualTo(0.85);

        assertThat(sink.table("shared_memory")).extracting(row -> row.get("entry_key")).containsExactlyInAnyOrder(
                ".claude/memory/DEEP_CONSOLIDATION_20250716_1231.md@2025-07-16T12:31:08.712Z",
                ".claude/memory/LATEST_MEMORY_SNAPSHOT.json@2025-07-19T08:50:31.812Z");

        Recorded project = sink.row("projects", "id", "leanvibe:basic");
        assertThat(project.values()).containsEntry("kind", "project").containsEntry("status", "active")
                // The earliest time read: checkpoints/test-checkpoint.json.
                .containsEntry("created_at", Instant.parse("2025-07-15T00:29:39.141Z"));
        assertThat(sink.rejected).isEmpty();
    }

    @Test
    void everyReferenceNamesAnImportedRowAndEveryIdIsUnique() {
        RecordingSink sink = importUtc();

        Set<Object> agents = Set.copyOf(sink.column("agents", "id"));
        Set<Object> tasks = Set.copyOf(sink.column("tasks", "id"));
        for (Recorded row : sink.rows) {
            for (String column : List.of("agent_id", "assigned_agent", "from_agent", "to_agent")) {
                Object value = row.get(column);
                if (value != null && !row.table().equals("events")) {
                    assertThat(agents).as(row.table() + "." + column + " of " + row.origin()).contains(value);
                }
            }
            if (row.get("task_id") != null) {
                assertThat(tasks).as(row.table() + ".task_id of " + row.origin()).contains(row.get("task_id"));
            }
        }
        Map<String, List<Object>> idsByTable = sink.rows.stream().filter(row -> row.values().containsKey("id"))
                .collect(Collectors.groupingBy(Recorded::table, Collectors.mapping(row -> row.get("id"), Collectors.toList())));
        idsByTable.forEach((table, ids) -> assertThat(ids).as(table).doesNotHaveDuplicates());
    }

    @Test
    void readingTwiceGivesTheSameRows() {
        assertThat(importUtc().rows).isEqualTo(importUtc().rows);
    }

    @Test
    void naiveTimesAreReadInTheGivenZoneEpochTimesAreNot() {
        RecordingSink sink = new RecordingSink();
        new LeanVibeImporter(ZoneId.of("Europe/Helsinki")).read(folder, sink);

        // December in Helsinki is UTC+2.
        assertThat(sink.row("agents", "id", "orchestrator").get("created_at"))
                .isEqualTo(Instant.parse("2026-12-06T11:19:05.147Z"));
        assertThat(sink.row("checkpoints", "name", "v0.1-foundation").get("evaluated_at"))
                .isEqualTo(Instant.ofEpochMilli(Math.round(1796563145.1737623 * 1000)));
    }

    @Test
    void leavesTheSourceFolderUnchanged() throws IOException {
        Map<String, String> before = LeanVibeFixtures.hashes(folder);

        importUtc();

        assertThat(LeanVibeFixtures.hashes(folder)).isEqualTo(before);
    }

    @Test
    void refusesAFolderWithoutLeanVibeState() throws IOException {
        Path empty = Files.createDirectory(temp.resolve("empty"));

        assertThatThrownBy(() -> new LeanVibeImporter().read(empty, new RecordingSink()))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("no LeanVibe");
        assertThatThrownBy(() -> new LeanVibeImporter().read(temp.resolve("missing"), new RecordingSink()))
                .isInstanceOf(InvalidInputException.class);
    }

    @Test
    void isFoundByServiceLoader() {
        assertThat(ServiceLoader.load(Importer.class).stream().map(ServiceLoader.Provider::get).map(Importer::name))
                .contains("leanvibe");
    }

    private static JsonNode json(Object text) {
        try {
            return JSON.readTree((String) text);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }
}
