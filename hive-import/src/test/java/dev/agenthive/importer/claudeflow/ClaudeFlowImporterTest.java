package dev.agenthive.importer.claudeflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agenthive.api.error.InvalidInputException;
import dev.agenthive.api.spi.Importer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClaudeFlowImporterTest {

    private static final String SWARM = "swarm-1796563268099-jaq8j2v04";
    private static final String QUEEN = "queen-" + SWARM;
    private static final String SESSION = "session-1796563268100-slg891ff8";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path temp;

    /** A copy of the fixture the real tool produced, named like the folder it ran in. */
    private Path fixture() throws IOException, URISyntaxException {
        Path source = Path.of(getClass().getResource("/fixtures/claude-flow/alpha113-demo").toURI());
        Path target = temp.resolve("demo");
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

    private static RecordingSink read(Path folder) {
        RecordingSink sink = new RecordingSink();
        new ClaudeFlowImporter().read(folder, sink);
        return sink;
    }

    private static JsonNode json(Object text) throws IOException {
        return JSON.readTree((String) text);
    }

    @Test
    void theRealFixtureBecomesAgentsTasksAndMemory() throws Exception {
        Path folder = fixture();
        assertThat(folder.resolve(".hive-mind/hive.db-wal")).as("the tool left hive.db in WAL mode").isNotEmptyFile();

        RecordingSink sink = read(folder);

        assertThat(sink.rejected).isEmpty();
        assertThat(sink.table("agents")).hasSize(5);
        Map<String, Object> queen = sink.find("agents", "id", QUEEN).orElseThrow();
        assertThat(queen).containsEntry("type", "coordinator").containsEntry("status", "active")
                .containsEntry("created_at", Instant.parse("2026-12-06T13:21:08Z"));
        assertThat(json(queen.get("capabilities"))).isEqualTo(json("[\"coordination\",\"planning\",\"decision-making\"]"));
        assertThat(json(queen.get("configuration")).path("role").asText()).isEqualTo("queen");
        assertThat(sink.find("agents", "id", "worker-" + SWARM + "-1").orElseThrow())
                .containsEntry("type", "coder").containsEntry("status", "idle");

        assertThat(sink.find("projects", "id", "claude-flow:demo").orElseThrow())
                .containsEntry("kind", "project").containsEntry("status", "active")
                .containsEntry("created_at", Instant.parse("2026-12-06T13:21:00.543Z"));
        assertThat(sink.find("projects", "id", SWARM).orElseThrow())
                .containsEntry("kind", "epic").containsEntry("parent_id", "claude-flow:demo")
                .containsEntry("description", "Build a todo REST API").containsEntry("status", "archived");

        Map<String, Object> login = sink.find("tasks", "id", "hooks:task-login").orElseThrow();
        assertThat(login).containsEntry("title", "Build login page").containsEntry("status", "completed")
                .containsEntry("attempts", 1L).containsEntry("max_attempts", 1L)
                .containsEntry("created_at", Instant.parse("2026-12-06T13:21:02.383Z"))
                .containsEntry("available_at", Instant.parse("2026-12-06T13:21:02.383Z"))
                .containsEntry("finished_at", Instant.parse("2026-12-06T13:21:04.593Z"))
                .doesNotContainKey("assigned_agent");
        assertThat(json(login.get("result")).path("duration").asLong()).isEqualTo(2210);
        assertThat(sink.find("tasks", "id", "hooks:task-api-tests").orElseThrow())
                .containsEntry("status", "queued").containsEntry("attempts", 0L).doesNotContainKey("finished_at");
        assertThat(sink.find("performance_metrics", "id", "hooks:task-login:duration").orElseThrow())
                .containsEntry("task_id", "hooks:task-login").containsEntry("value", 2210.0).containsEntry("unit", "ms");

        // Raw text, JSON text and a number from the same file.
        assertThat(sink.memory("default", "api-design")).containsEntry("value", "\"REST with JSON bodies\"")
                .containsEntry("data_type", "string").containsEntry("size_bytes", 23L)
                .containsEntry("created_at", Instant.parse("2026-12-06T13:21:01.138Z"));
        assertThat(json(sink.memory("settings", "config").get("value"))).isEqualTo(json("{\"retries\":3,\"mode\":\"fast\"}"));
        assertThat(sink.memory("settings", "config")).containsEntry("data_type", "object");
        assertThat(sink.memory("settings", "retries")).containsEntry("value", "3").containsEntry("data_type", "number");
        assertThat(sink.memory("collective/" + SWARM, "worker_count")).containsEntry("value", "4").containsEntry("data_type", "number");
        assertThat(sink.memory("collective/" + SWARM, "objective")).containsEntry("value", "\"Build a todo REST API\"");
        // Epoch seconds in .swarm/memory.db; the serializer's undefined agentId vanishes as in JSON.stringify.
        Map<String, Object> preTask = sink.memory("hooks:pre-task", "task:task-login");
        assertThat(preTask).containsEntry("created_at", Instant.parse("2026-12-06T13:21:02Z"))
                .containsEntry("access_count", 1L);
        assertThat(json(preTask.get("value")).has("agentId")).isFalse();
        assertThat(json(preTask.get("value")).path("description").asText()).isEqualTo("Build login page");
        assertThat(sink.memory("knowledge_base/system", "init-1").get("value").toString()).startsWith("\"Hive mind system");
        for (Map<String, Object> memory : sink.table("shared_memory")) {
            assertThat(memory.get("size_bytes")).isEqualTo((long) memory.get("value").toString().getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
            assertThat(memory.get("value").toString()).doesNotContain("__type__");
        }

        assertThat(sink.find("context_sessions", "id", SESSION).orElseThrow())
                .containsEntry("agent_id", QUEEN).containsEntry("active", 0L)
                .containsEntry("ended_at", Instant.parse("2026-12-06T13:23:07Z"));
        assertThat(sink.table("checkpoints")).extracting(r -> r.get("name"))
                .containsExactlyInAnyOrder(SESSION + "/auto-save-1796563298102", SESSION + "/auto-pause");
        Map<String, Object> autoSave = sink.find("memory_snapshots", "id", "checkpoint-1796563298103-j0pd07rrg").orElseThrow();
        assertThat(autoSave).containsEntry("agent_id", QUEEN).containsEntry("session_id", SESSION);
        assertThat(json(autoSave.get("content")).path("changeCount").asInt()).as("the __compressed__ base64 decoded").isEqualTo(5);
        assertThat(sink.find("events", "id", SESSION + ":log:1").orElseThrow())
                .containsEntry("severity", "info").containsEntry("correlation_id", SESSION)
                .containsEntry("occurred_at", Instant.parse("2026-12-06T13:21:08Z"));

        // The session files restate hive.db's checkpoints; the tool left the auto-pause one empty.
        assertThat(sink.skipped).anySatisfy(note -> assertThat(note.reason()).startsWith("restates checkpoint checkpoint-1796563298103-j0pd07rrg"));
        assertThat(sink.skipped).anySatisfy(note -> assertThat(note).isEqualTo(new RecordingSink.Note("snapshots",
                ".hive-mind/sessions/" + SESSION + "-auto-pause.json", "empty file")));

        HiveSchemaCheck.insertAll(sink.rows);
    }

    @Test
    void readingLeavesEveryByteOfTheFolderAsItWas() throws Exception {
        Path folder = fixture();
        Map<String, String> before = hashes(folder);

        read(folder);

        assertThat(hashes(folder)).isEqualTo(before);
    }

    @Test
    void aSecondReadGivesTheSameRows() throws Exception {
        Path folder = fixture();

        assertThat(read(folder).rows).isEqualTo(read(folder).rows);
    }

    @Test
    void damagedFilesAreReportedAndTheRestImports() throws Exception {
        Path folder = fixture();
        // Dangling references: the swarm's agents are gone, its session and checkpoints still name it.
        sql(folder.resolve(".hive-mind/hive.db"), "DELETE FROM agents WHERE swarm_id = '" + SWARM + "'");
        // A raw-text value and a time no encoding knows in one WAL-mode database, left with its -wal.
        try (Connection swarm = DriverManager.getConnection("jdbc:sqlite:" + folder.resolve(".swarm/memory.db"));
             Statement statement = swarm.createStatement()) {
            statement.execute("PRAGMA journal_mode = WAL");
            statement.execute("PRAGMA wal_autocheckpoint = 0");
            statement.execute("UPDATE memory_entries SET value = 'plain words, not {json' WHERE key = 'swarm/coder/login'");
            statement.execute("UPDATE memory_entries SET created_at = 'yesterday' WHERE key = 'metrics:task-login'");
            Files.copy(folder.resolve(".swarm/memory.db-wal"), temp.resolve("wal-while-open"));
        }
        Files.copy(temp.resolve("wal-while-open"), folder.resolve(".swarm/memory.db-wal"));
        try (RandomAccessFile truncate = new RandomAccessFile(folder.resolve(".hive-mind/memory.db").toFile(), "rw")) {
            truncate.setLength(100);
        }
        Files.write(folder.resolve("memory/claude-flow-data.json"), new byte[0]);
        Files.writeString(folder.resolve("memory/memory-store.json"), "api-design = REST with JSON bodies");

        RecordingSink sink = read(folder);

        assertThat(sink.table("agents")).isEmpty();
        assertThat(sink.rejected).extracting(RecordingSink.Note::origin, RecordingSink.Note::reason).contains(
                org.assertj.core.groups.Tuple.tuple(".hive-mind/hive.db sessions id=" + SESSION,
                        "swarm " + SWARM + " has no imported agent to own the session"),
                org.assertj.core.groups.Tuple.tuple(".swarm/memory.db memory_entries key=performance/metrics:task-login",
                        "created_at: 'yesterday' is no time claude-flow writes"));
        assertThat(sink.rejected).filteredOn(n -> n.kind().equals("snapshots")).hasSize(2)
                .allSatisfy(n -> assertThat(n.reason()).isEqualTo("session " + SESSION + " was not imported, so no agent owns the snapshot"));
        assertThat(sink.rejected).anySatisfy(n -> assertThat(n.origin()).isEqualTo(".hive-mind/memory.db"));
        assertThat(sink.rejected).anySatisfy(n -> assertThat(n).extracting(RecordingSink.Note::origin, RecordingSink.Note::reason)
                .asList().startsWith("memory/memory-store.json", "unreadable: not JSON"));
        assertThat(sink.skipped).contains(new RecordingSink.Note("agents", "memory/claude-flow-data.json", "empty file"));

        // The rest still imports, from the WAL too.
        assertThat(sink.memory("coordination", "swarm/coder/login"))
                .containsEntry("value", "\"plain words, not {json\"").containsEntry("data_type", "string");
        assertThat(sink.find("tasks", "id", "hooks:task-login")).isPresent();
        assertThat(sink.find("projects", "id", SWARM)).isPresent();
        assertThat(sink.table("checkpoints")).hasSize(2);
        assertThat(sink.find("events", "id", SESSION + ":log:4").orElseThrow())
                .containsEntry("agent_id", "worker-" + SWARM + "-0");
        HiveSchemaCheck.insertAll(sink.rows);
    }

    @Test
    void aFolderWithoutClaudeFlowStateIsRefused() throws IOException {
        Files.writeString(temp.resolve("README.md"), "hello");

        assertThatThrownBy(() -> read(temp)).isInstanceOf(InvalidInputException.class).hasMessageContaining("holds none");
        assertThatThrownBy(() -> read(temp.resolve("README.md"))).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("is not a folder");
    }

    @Test
    void serviceLoaderFindsTheImporterByName() {
        assertThat(ServiceLoader.load(Importer.class).stream().map(ServiceLoader.Provider::get).map(Importer::name))
                .contains("claude-flow");
    }

    private static void sql(Path db, String sql) throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + db);
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static Map<String, String> hashes(Path folder) throws Exception {
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
