package dev.agenthive.store.sqlite;

import dev.agenthive.api.agent.Agent;
import dev.agenthive.api.agent.AgentStatus;
import dev.agenthive.api.configuration.ConfigKey;
import dev.agenthive.api.configuration.ConfigWrite;
import dev.agenthive.api.event.Event;
import dev.agenthive.api.event.EventQuery;
import dev.agenthive.api.event.Severity;
import dev.agenthive.api.json.Json;
import dev.agenthive.api.memory.JsonType;
import dev.agenthive.api.memory.MemoryEntry;
import dev.agenthive.api.message.Message;
import dev.agenthive.api.pullrequest.NewPullRequest;
import dev.agenthive.api.task.Task;
import dev.agenthive.api.task.TaskStatus;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A database created and filled at schema version 1, as the first release left it, is migrated by
 * opening the store and still holds every row, read back through the repositories. The test knows
 * only V1: it keeps working, unchanged, as later versions are added.
 */
class SqliteMigrationTest {
    private static final long T0 = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();

    @TempDir
    Path dir;

    @Test
    void everyRowOfAVersionOneDatabaseSurvivesTheMigrationToTheLatestVersion() throws SQLException {
        Path file = dir.resolve("v1.db");
        SQLiteDataSource dataSource = dataSource(file);
        Flyway versionOne = flyway(dataSource).target(MigrationVersion.fromVersion("1")).load();
        versionOne.migrate();
        assertThat(versionOne.info().current().getVersion()).isEqualTo(MigrationVersion.fromVersion("1"));

        try (Connection connection = dataSource.getConnection()) {
            fillVersionOne(connection);
            assertThat(emptyTables(connection)).as("V1 tables left without a row by this test").isEmpty();
        }

        try (SqliteHiveStore store = Stores.open(file)) {
            assertEveryRowIsIntact(store);
            // The migrated store is fully usable, new aggregates referring to the old rows included.
            store.configurations().put(ConfigWrite.of(ConfigKey.agent("alice", "llm", "model"), Json.of("\"big\"")));
            store.pullRequests().open(new NewPullRequest(1, "alice", "after the migration", "feature", "main", null));
            assertThat(store.configurations().effective("alice", "llm", "model")).isPresent();
        }

        Flyway latest = flyway(dataSource).load();
        MigrationInfo[] all = latest.info().all();
        assertThat(latest.info().pending()).as("pending after open").isEmpty();
        assertThat(latest.info().current().getVersion())
                .isEqualTo(all[all.length - 1].getVersion())
                .isGreaterThan(MigrationVersion.fromVersion("1"));
        try (SqliteHiveStore reopened = Stores.open(file)) {
            assertEveryRowIsIntact(reopened);
        }
    }

    private static void fillVersionOne(Connection connection) throws SQLException {
        update(connection, "INSERT INTO agents (id, type, status, capabilities, worktree_path, branch, configuration,"
                        + " created_at, last_heartbeat_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                "alice", "coder", "active", "[\"java\",\"git\"]", "/work/alice", "feature/x", "{\"model\":\"big\"}",
                T0, T0 + 5, T0 + 5);
        update(connection, "INSERT INTO agents (id, type, status, capabilities, worktree_path, branch, configuration,"
                        + " created_at, last_heartbeat_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                "bob", "reviewer", "crashed", "[]", null, null, "{}", T0 + 1, T0 + 1, T0 + 9);
        update(connection, "INSERT INTO tasks (id, title, description, type, status, priority, parent_id, assigned_agent,"
                        + " required_capabilities, payload, result, error, attempts, max_attempts, lease_token, lease_until,"
                        + " available_at, idempotency_key, created_at, updated_at, finished_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                "t-parent", "Build it", "all of it", "epic", "completed", 5, null, "alice", "[\"java\"]",
                "{\"in\":1}", "{\"out\":2}", null, 1, 3, 1, null, T0, "idem-1", T0, T0 + 20, T0 + 20);
        update(connection, "INSERT INTO tasks (id, title, description, type, status, priority, parent_id, assigned_agent,"
                        + " required_capabilities, payload, result, error, attempts, max_attempts, lease_token, lease_until,"
                        + " available_at, idempotency_key, created_at, updated_at, finished_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                "t-child", "Test it", null, "task", "running", -2, "t-parent", "alice", "[]",
                "{}", null, "{\"last\":\"timeout\"}", 2, 5, 7, T0 + 60_000, T0 + 30, null, T0 + 2, T0 + 30, null);
        update(connection, "INSERT INTO task_dependencies (task_id, depends_on_id, ordinal) VALUES (?, ?, ?)",
                "t-child", "t-parent", 0);
        update(connection, "INSERT INTO agent_messages (id, from_agent, to_agent, type, priority, payload, correlation_id,"
                        + " reply_to, broadcast_id, sent_at, visible_at, delivered_at, acked_at, expires_at, delivery_count)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                "m-1", "alice", "bob", "review", 3, "{\"pr\":1}", "corr-1", null, null, T0 + 3, T0 + 3, T0 + 4, null,
                T0 + 86_400_000, 1);
        update(connection, "INSERT INTO events (id, type, severity, agent_id, correlation_id, details, occurred_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?)",
                "e-1", "agent.crashed", "warning", "bob", "corr-1", "{\"releasedTasks\":0}", T0 + 9);
        update(connection, "INSERT INTO shared_memory (namespace, entry_key, value, data_type, metadata, version, expires_at,"
                        + " size_bytes, access_count, last_accessed_at, created_at, updated_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                "team", "plan", "[1,2]", "array", "{\"owner\":\"alice\"}", 4, null, 5, 9, T0 + 8, T0 + 6, T0 + 7);
    }

    private static void assertEveryRowIsIntact(SqliteHiveStore store) {
        assertThat(store.agents().find("alice")).contains(new Agent("alice", "coder", AgentStatus.ACTIVE,
                Set.of("java", "git"), "/work/alice", "feature/x", Json.of("{\"model\":\"big\"}"),
                at(0), at(5), at(5)));
        assertThat(store.agents().find("bob")).contains(new Agent("bob", "reviewer", AgentStatus.CRASHED,
                Set.of(), null, null, Json.of("{}"), at(1), at(1), at(9)));

        assertThat(store.tasks().find("t-parent")).contains(new Task("t-parent", "Build it", "all of it", "epic",
                TaskStatus.COMPLETED, 5, null, List.of(), "alice", Set.of("java"), Json.of("{\"in\":1}"),
                Json.of("{\"out\":2}"), null, 1, 3, 1, null, at(0), "idem-1", at(0), at(20), at(20)));
        assertThat(store.tasks().find("t-child")).contains(new Task("t-child", "Test it", null, "task",
                TaskStatus.RUNNING, -2, "t-parent", List.of("t-parent"), "alice", Set.of(), Json.of("{}"),
                null, Json.of("{\"last\":\"timeout\"}"), 2, 5, 7, at(60_000), at(30), null, at(2), at(30), null));
        assertThat(store.tasks().findByIdempotencyKey("idem-1")).map(Task::id).contains("t-parent");

        assertThat(store.messages().find("m-1")).contains(new Message("m-1", "alice", "bob", "review", 3,
                Json.of("{\"pr\":1}"), "corr-1", null, null, null, at(3), at(4), null, at(86_400_000), 1));

        assertThat(store.events().query(EventQuery.all(10)).events()).containsExactly(new Event("e-1",
                "agent.crashed", Severity.WARNING, "bob", "corr-1", Json.of("{\"releasedTasks\":0}"), at(9)));

        assertThat(store.sharedMemory().get("team", "plan")).contains(new MemoryEntry("team", "plan",
                Json.of("[1,2]"), JsonType.ARRAY, Json.of("{\"owner\":\"alice\"}"), 4, null, 5, 9, at(8), at(6), at(7)));
    }

    private static Instant at(long offsetMillis) {
        return Instant.ofEpochMilli(T0 + offsetMillis);
    }

    private static SQLiteDataSource dataSource(Path file) {
        SQLiteConfig config = new SQLiteConfig();
        config.enforceForeignKeys(true);
        SQLiteDataSource dataSource = new SQLiteDataSource(config);
        dataSource.setUrl("jdbc:sqlite:" + file);
        return dataSource;
    }

    /** Flyway over the store's own migrations, as shipped in its jar. */
    private static FluentConfiguration flyway(SQLiteDataSource dataSource) {
        return Flyway.configure(SqliteMigrationTest.class.getClassLoader())
                .dataSource(dataSource)
                .locations(new SqliteDialect().migrationLocation())
                .failOnMissingLocations(true);
    }

    private static void update(Connection connection, String sql, Object... values) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                statement.setObject(i + 1, values[i]);
            }
            assertThat(statement.executeUpdate()).as(sql).isEqualTo(1);
        }
    }

    /** The schema's own tables (not Flyway's history) that hold no row. */
    private static List<String> emptyTables(Connection connection) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement("SELECT name FROM sqlite_schema WHERE type = 'table'"
                + " AND name NOT LIKE 'sqlite_%' AND name <> 'flyway_schema_history'");
             ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                tables.add(rs.getString(1));
            }
        }
        assertThat(tables).as("V1 tables").isNotEmpty();
        List<String> empty = new ArrayList<>();
        for (String table : tables) {
            // Table names come from the catalog itself, and SQLite cannot bind an identifier.
            try (PreparedStatement statement = connection.prepareStatement("SELECT EXISTS (SELECT 1 FROM \"" + table + "\")");
                 ResultSet rs = statement.executeQuery()) {
                rs.next();
                if (!rs.getBoolean(1)) {
                    empty.add(table);
                }
            }
        }
        return empty;
    }
}
