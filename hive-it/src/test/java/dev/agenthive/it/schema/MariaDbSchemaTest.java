package dev.agenthive.it.schema;

import dev.agenthive.it.mariadb.MariaDbTestServer;
import dev.agenthive.it.postgres.PostgresTestServer;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Reads the schema that hive-store-mariadb's migrations build on a real MariaDB, through
 * information_schema, and holds it against the one PostgreSQL's migrations build: the same tables,
 * columns, nullability, and names of checks, foreign keys and indexes, apart from the differences
 * the MariaDB migrations document. Then checks that the constraints hold and that a queue claim
 * walks its index instead of sorting the backlog.
 */
class MariaDbSchemaTest {
    /** MariaDB's error codes; every one of them comes with SQLSTATE 23000. */
    private static final int CONSTRAINT_FAILED = 4025;
    private static final int DUPLICATE_KEY = 1062;
    private static final int ROW_IS_REFERENCED = 1451;
    private static final int NO_REFERENCED_ROW = 1452;

    /** Columns that exist only on MariaDB: generated, invisible, each standing in for a partial or expression index. */
    private static final Set<String> GENERATED_COLUMNS = Set.of(
            "context_sessions.active_agent_id", "configurations.agent_key", "git_state.worktree_hash");
    /** MariaDB's event position counter (V8), which PostgreSQL does without: transaction ids order its events. */
    private static final String EVENT_POSITION = "event_position";
    /** PostgreSQL's column of an event's writing transaction (V8), which MariaDB does without. */
    private static final String EVENTS_TX = "events.tx";
    /** PostgreSQL's GIN indexes on queried JSON, which MariaDB has no counterpart for. */
    private static final Set<String> GIN_INDEXES = Set.of(
            "agents_capabilities_gin", "agents_configuration_gin", "events_details_gin", "shared_memory_metadata_gin");

    private MariaDbTestServer server;
    private String url;

    @BeforeEach
    void migrate() {
        server = MariaDbTestServer.get();
        url = server.emptyDatabase();
        Flyway.configure()
                .dataSource(server.dataSource(url))
                .locations("classpath:db/migration/mariadb")
                .failOnMissingLocations(true)
                .load()
                .migrate();
    }

    @AfterEach
    void drop() {
        if (url != null) {
            server.drop(url);
        }
    }

    @Test
    void theDriverReportsMariaDb() throws SQLException {
        try (Connection connection = server.connect(url)) {
            assertThat(connection.getMetaData().getDatabaseProductName()).isEqualTo("MariaDB");
            assertThat(strings(connection, "SELECT version FROM flyway_schema_history WHERE success = 1"
                    + " AND version IS NOT NULL ORDER BY installed_rank")).containsExactly("1", "2", "3", "4", "5", "6", "7", "8");
        }
    }

    @Test
    void tablesColumnsConstraintsAndIndexesAreNamedAsInPostgresql() throws SQLException {
        Schema maria;
        try (Connection connection = server.connect(url)) {
            maria = Schema.ofMariaDb(connection);
        }
        PostgresTestServer postgres = PostgresTestServer.get();
        String postgresUrl = postgres.freshDatabase();
        Schema pg;
        try (Connection connection = postgres.connect(postgresUrl)) {
            pg = Schema.ofPostgres(connection);
        } finally {
            postgres.drop(postgresUrl);
        }

        Set<String> mariaTables = new TreeSet<>(maria.tables());
        assertThat(mariaTables.remove(EVENT_POSITION)).isTrue();
        assertThat(mariaTables).as("tables").isEqualTo(pg.tables()).hasSize(17);
        Map<String, Boolean> mariaColumns = new TreeMap<>(maria.nullable());
        assertThat(mariaColumns.keySet()).containsAll(GENERATED_COLUMNS);
        mariaColumns.keySet().removeAll(GENERATED_COLUMNS);
        mariaColumns.keySet().removeIf(column -> column.startsWith(EVENT_POSITION + "."));
        Map<String, Boolean> pgColumns = new TreeMap<>(pg.nullable());
        assertThat(pgColumns.remove(EVENTS_TX)).isFalse();
        assertThat(mariaColumns).as("columns and whether they are nullable").isEqualTo(pgColumns);
        Set<String> mariaChecks = new TreeSet<>(maria.checks());
        assertThat(mariaChecks.remove("event_position_one_row")).isTrue();
        assertThat(mariaChecks).as("named CHECK constraints").isEqualTo(pg.checks());
        assertThat(maria.foreignKeys()).as("foreign keys").isEqualTo(pg.foreignKeys()).isNotEmpty();

        Map<String, String> pgPrimaryKeys = new TreeMap<>(pg.primaryKeys());
        // MariaDB puts no primary key on a generated column: git_state's key is a unique one of that name.
        assertThat(pgPrimaryKeys.remove("git_state")).isEqualTo("agent_id,worktree_path");
        Map<String, String> mariaPrimaryKeys = new TreeMap<>(maria.primaryKeys());
        assertThat(mariaPrimaryKeys.remove(EVENT_POSITION)).isEqualTo("id");
        assertThat(mariaPrimaryKeys).as("primary keys").isEqualTo(pgPrimaryKeys);
        assertThat(maria.uniqueIndexes()).as("unique indexes")
                .containsEntry("git_state_pkey", "git_state(agent_id,worktree_hash)");
        Set<String> pgUnique = new TreeSet<>(pg.uniqueIndexes().keySet());
        pgUnique.add("git_state_pkey");
        assertThat(maria.uniqueIndexes().keySet()).as("unique index names").isEqualTo(pgUnique);

        assertThat(pg.ginIndexes()).as("PostgreSQL's GIN indexes, which MariaDB does without").isEqualTo(GIN_INDEXES);
        assertThat(maria.indexes().keySet()).as("index names").isEqualTo(pg.indexes().keySet());
        assertThat(maria.indexes()).as("indexes that replace PostgreSQL's partial ones")
                .containsEntry("tasks_claim_idx", "tasks(status,priority DESC,created_at,id,available_at)")
                .containsEntry("tasks_lease_idx", "tasks(lease_until)")
                .containsEntry("agent_messages_inbox_idx", "agent_messages(to_agent,acked_at,priority DESC,sent_at,id)");
        assertThat(maria.uniqueIndexes())
                .containsEntry("context_sessions_one_active_uq", "context_sessions(active_agent_id)")
                .containsEntry("configurations_identity_uq", "configurations(agent_key,category,config_key)");
    }

    @Test
    void jsonInstantsFlagsAndTextHaveTheirMariaDbTypes() throws SQLException {
        PostgresTestServer postgres = PostgresTestServer.get();
        String postgresUrl = postgres.freshDatabase();
        Map<String, String> pgTypes;
        try (Connection connection = postgres.connect(postgresUrl)) {
            pgTypes = pairs(connection, """
                    SELECT table_name || '.' || column_name, data_type FROM information_schema.columns
                    WHERE table_schema = 'public' AND table_name <> 'flyway_schema_history'
                    """);
        } finally {
            postgres.drop(postgresUrl);
        }
        try (Connection connection = server.connect(url)) {
            Map<String, String> types = pairs(connection, """
                    SELECT CONCAT(TABLE_NAME, '.', COLUMN_NAME), DATA_TYPE FROM information_schema.COLUMNS
                    WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME <> 'flyway_schema_history'
                    """);
            Set<String> validated = new TreeSet<>(strings(connection, """
                    SELECT CONCAT(TABLE_NAME, '.', CONSTRAINT_NAME) FROM information_schema.CHECK_CONSTRAINTS
                    WHERE CONSTRAINT_SCHEMA = DATABASE() AND LEVEL = 'Column'
                      AND CHECK_CLAUSE = CONCAT('json_valid(`', CONSTRAINT_NAME, '`)')
                    """));
            assertThat(validated).as("JSON columns (MariaDB's JSON is longtext with a json_valid column check)")
                    .isEqualTo(columnsOfType(pgTypes, "jsonb")).hasSize(16)
                    .allSatisfy(column -> assertThat(types).containsEntry(column, "longtext"));
            assertThat(columnsOfType(pgTypes, "timestamp with time zone")).as("instants as epoch milliseconds")
                    .isNotEmpty().allSatisfy(column -> assertThat(types).containsEntry(column, "bigint"));
            assertThat(columnsOfType(pgTypes, "smallint")).as("flags").containsExactlyInAnyOrder(
                    "context_sessions.active", "git_state.dirty")
                    .allSatisfy(column -> assertThat(types).containsEntry(column, "smallint"));
            assertThat(strings(connection, """
                    SELECT CONCAT(c.TABLE_NAME, '.', c.COLUMN_NAME, ' ', c.COLLATION_NAME) FROM information_schema.COLUMNS c
                    WHERE c.TABLE_SCHEMA = DATABASE() AND c.TABLE_NAME <> 'flyway_schema_history'
                      AND c.COLLATION_NAME IS NOT NULL AND c.COLLATION_NAME <> 'utf8mb4_nopad_bin'
                      AND NOT EXISTS (SELECT 1 FROM information_schema.CHECK_CONSTRAINTS k
                                      WHERE k.CONSTRAINT_SCHEMA = c.TABLE_SCHEMA AND k.TABLE_NAME = c.TABLE_NAME
                                        AND k.LEVEL = 'Column' AND k.CONSTRAINT_NAME = c.COLUMN_NAME)
                    """)).as("text columns that do not compare exactly").isEmpty();
            assertThat(strings(connection, "SELECT CONCAT(TABLE_NAME, ' ', ENGINE) FROM information_schema.TABLES"
                    + " WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME <> 'flyway_schema_history' AND ENGINE <> 'InnoDB'"))
                    .as("tables not on InnoDB").isEmpty();
        }
    }

    /** One JSON column: the row to change, and for a shape-checked column a value of the wrong shape. */
    private record JsonColumn(String table, String column, String where, String goodValue, String wrongShape,
                              String shapeCheck) {
    }

    private static final List<JsonColumn> JSON_COLUMNS = List.of(
            new JsonColumn("agents", "capabilities", "id = 'a1'", "[\"java\"]", "{\"java\": true}", "agents_capabilities_json"),
            new JsonColumn("agents", "configuration", "id = 'a1'", "{\"a\": 1}", null, null),
            new JsonColumn("tasks", "required_capabilities", "id = 't1'", "[\"gpu\"]", "\"gpu\"", "tasks_required_capabilities_json"),
            new JsonColumn("tasks", "payload", "id = 't1'", "[1, 2]", null, null),
            new JsonColumn("tasks", "result", "id = 't1'", "{\"ok\": true}", null, null),
            new JsonColumn("tasks", "error", "id = 't1'", "\"boom\"", null, null),
            new JsonColumn("agent_messages", "payload", "id = 'm1'", "{}", null, null),
            new JsonColumn("events", "details", "id = 'e1'", "{}", null, null),
            new JsonColumn("shared_memory", "value", "namespace = 'n'", "null", null, null),
            new JsonColumn("shared_memory", "metadata", "namespace = 'n'", "{\"tag\": \"x\"}", null, null),
            new JsonColumn("projects", "metadata", "id = 'p1'", "{}", null, null),
            new JsonColumn("performance_metrics", "tags", "id = 'pm1'", "{\"host\": \"h\"}", "[\"h\"]", "performance_metrics_tags_json"),
            new JsonColumn("checkpoints", "criteria", "id = 'c1'", "{\"coverage\": 0.8}", "[]", "checkpoints_criteria_json"),
            new JsonColumn("checkpoints", "last_result", "id = 'c1'", "{\"passed\": true}", "true", "checkpoints_last_result_json"),
            new JsonColumn("configurations", "value", "config_key = 'k'", "42", null, null),
            new JsonColumn("memory_snapshot_contents", "content", "size_bytes = 2", "{\"m\": [1]}", null, null));

    @Test
    void jsonChecksRejectMalformedJsonAndWrongShapes() throws SQLException {
        try (Connection connection = server.connect(url)) {
            insertOneRowPerJsonTable(connection);
            Set<String> covered = new TreeSet<>();
            for (JsonColumn json : JSON_COLUMNS) {
                String update = "UPDATE " + json.table() + " SET " + json.column() + " = ? WHERE " + json.where();
                assertThat(execute(connection, update, json.goodValue())).as(json.column()).isEqualTo(1);

                SQLException malformed = assertThrows(SQLException.class, () -> execute(connection, update, "{\"a\": "));
                assertThat(malformed.getErrorCode()).isEqualTo(CONSTRAINT_FAILED);
                assertThat(malformed.getSQLState()).isEqualTo("23000");
                // MariaDB names a column's own check `table.column`.
                assertThat(malformed.getMessage()).contains("CONSTRAINT `" + json.table() + "." + json.column() + "` failed");

                if (json.wrongShape() != null) {
                    SQLException shape = assertThrows(SQLException.class, () -> execute(connection, update, json.wrongShape()));
                    assertThat(shape.getErrorCode()).isEqualTo(CONSTRAINT_FAILED);
                    assertThat(shape.getMessage()).contains("CONSTRAINT `" + json.shapeCheck() + "` failed");
                }
                covered.add(json.table() + "." + json.column());
            }
            assertThat(covered).isEqualTo(new TreeSet<>(strings(connection, """
                    SELECT CONCAT(TABLE_NAME, '.', CONSTRAINT_NAME) FROM information_schema.CHECK_CONSTRAINTS
                    WHERE CONSTRAINT_SCHEMA = DATABASE() AND LEVEL = 'Column' AND CHECK_CLAUSE LIKE 'json_valid(%'
                    """)));
            assertThat(execute(connection, "UPDATE checkpoints SET last_result = NULL WHERE id = 'c1'")).isEqualTo(1);
        }
    }

    @Test
    void foreignKeysHoldAndNameThemselves() throws SQLException {
        try (Connection connection = server.connect(url)) {
            insertOneRowPerJsonTable(connection);

            SQLException missing = assertThrows(SQLException.class,
                    () -> execute(connection, "UPDATE tasks SET assigned_agent = 'nobody' WHERE id = 't1'"));
            assertThat(missing.getErrorCode()).isEqualTo(NO_REFERENCED_ROW);
            assertThat(missing.getSQLState()).isEqualTo("23000");
            assertThat(missing.getMessage()).contains("CONSTRAINT `tasks_assigned_agent_fk` FOREIGN KEY");

            execute(connection, "UPDATE tasks SET assigned_agent = 'a2' WHERE id = 't1'");
            SQLException referenced = assertThrows(SQLException.class, () -> execute(connection, "DELETE FROM agents WHERE id = 'a2'"));
            assertThat(referenced.getErrorCode()).isEqualTo(ROW_IS_REFERENCED);
            assertThat(referenced.getMessage()).contains("CONSTRAINT `tasks_assigned_agent_fk` FOREIGN KEY");

            SQLException snapshot = assertThrows(SQLException.class, () -> execute(connection,
                    "INSERT INTO memory_snapshots (id, agent_id, memory_type, importance, content_hash, size_bytes, created_at)"
                            + " VALUES ('s1', 'a1', 'episodic', 0.5, ?, 2, 1)", "b".repeat(64)));
            assertThat(snapshot.getMessage()).contains("CONSTRAINT `memory_snapshots_content_fk` FOREIGN KEY");
        }
    }

    @Test
    void uniqueKeysHoldWhereTheOtherStoresHaveThem() throws SQLException {
        try (Connection connection = server.connect(url)) {
            insertOneRowPerJsonTable(connection);

            execute(connection, "UPDATE tasks SET idempotency_key = 'once' WHERE id = 't1'");
            assertDuplicate(connection, "tasks_idempotency_key_uq", "INSERT INTO tasks (id, title, type, status, priority,"
                    + " payload, max_attempts, available_at, created_at, updated_at, idempotency_key)"
                    + " VALUES ('t2', 't', 'x', 'queued', 0, '{}', 3, 1, 1, 1, 'once')");
            execute(connection, "INSERT INTO tasks (id, title, type, status, priority, payload, max_attempts, available_at,"
                    + " created_at, updated_at) VALUES ('t3', 't', 'x', 'queued', 0, '{}', 3, 1, 1, 1),"
                    + " ('t4', 't', 'x', 'queued', 0, '{}', 3, 1, 1, 1)");

            String session = "INSERT INTO context_sessions (id, agent_id, max_tokens, active, started_at, ended_at, updated_at)"
                    + " VALUES (?, 'a1', 100, ?, 1, ?, 1)";
            execute(connection, session, "s1", 1, null);
            assertDuplicate(connection, "context_sessions_one_active_uq", session, "s2", 1, null);
            execute(connection, session, "s3", 0, 2);
            execute(connection, session, "s4", 0, 2);
            execute(connection, "UPDATE context_sessions SET active = 0, ended_at = 5 WHERE id = 's1'");
            execute(connection, session, "s5", 1, null);

            String config = "INSERT INTO configurations (scope, agent_id, category, config_key, value, version, created_at,"
                    + " updated_at) VALUES (?, ?, 'c', 'k', '1', 1, 1, 1)";
            assertDuplicate(connection, "configurations_identity_uq", config, "system", null);
            execute(connection, config, "agent", "a1");
            execute(connection, config, "agent", "a2");
            assertDuplicate(connection, "configurations_identity_uq", config, "agent", "a2");

            String message = "INSERT INTO agent_messages (id, to_agent, type, priority, payload, sent_at, visible_at,"
                    + " idempotency_key) VALUES (?, ?, 'x', 0, '{}', 1, 1, ?)";
            execute(connection, message, "m2", "a1", "send-1");
            execute(connection, message, "m3", "a2", "send-1");
            execute(connection, message, "m4", "a1", null);
            execute(connection, message, "m5", "a1", null);
            assertDuplicate(connection, "agent_messages_idempotency_key_uq", message, "m6", "a2", "send-1");

            String git = "INSERT INTO git_state (agent_id, worktree_path, head_commit, dirty, ahead, behind, updated_at)"
                    + " VALUES ('a1', ?, ?, 0, 0, 0, 1)";
            String longPath = "/work/" + "w".repeat(4090);
            execute(connection, git, longPath, "a".repeat(40));
            execute(connection, git, longPath.substring(0, 4095) + "x", "a".repeat(40));
            assertDuplicate(connection, "git_state_pkey", git, longPath, "b".repeat(64));

            assertDuplicate(connection, "checkpoints_project_name_uq", "INSERT INTO checkpoints (id, project_id, name, kind,"
                    + " status, criteria, created_at, updated_at) VALUES ('c2', 'p1', 'gate', 'milestone', 'pending', '{}', 1, 1)");
            assertDuplicate(connection, "PRIMARY", "INSERT INTO task_dependencies (task_id, depends_on_id, ordinal)"
                    + " VALUES ('t3', 't4', 0), ('t3', 't4', 1)");
        }
    }

    @Test
    void keysCompareExactlyAsInTheOtherStores() throws SQLException {
        try (Connection connection = server.connect(url)) {
            String agent = "INSERT INTO agents (id, type, status, created_at, last_heartbeat_at, updated_at)"
                    + " VALUES (?, 'worker', 'idle', 1, 1, 1)";
            for (String id : List.of("agent", "Agent", "agent ", "agent  ", " agent", "agént")) {
                execute(connection, agent, id);
            }
            assertDuplicate(connection, "PRIMARY", agent, "agent ");
            assertThat(strings(connection, "SELECT CONCAT('[', id, ']') FROM agents WHERE id = ?", "agent"))
                    .containsExactly("[agent]");
            assertThat(strings(connection, "SELECT COUNT(*) FROM agents WHERE id LIKE ?", "agent%")).containsExactly("3");
        }
    }

    @Test
    void schemaChecksRejectWhatTheOtherStoresReject() throws SQLException {
        try (Connection connection = server.connect(url)) {
            insertOneRowPerJsonTable(connection);
            Map<String, String> violations = new LinkedHashMap<>();
            violations.put("tasks_status_check", "UPDATE tasks SET status = 'lost' WHERE id = 't1'");
            violations.put("tasks_attempts_check", "UPDATE tasks SET attempts = 4 WHERE id = 't1'");
            violations.put("tasks_not_own_parent", "UPDATE tasks SET parent_id = 't1' WHERE id = 't1'");
            violations.put("memory_snapshot_contents_hash_check",
                    "UPDATE memory_snapshot_contents SET content_hash = REPEAT('A', 64) WHERE size_bytes = 2");
            violations.put("configurations_scope_agent_check", "UPDATE configurations SET agent_id = 'a1' WHERE config_key = 'k'");
            violations.put("projects_parent_check", "UPDATE projects SET kind = 'epic' WHERE id = 'p1'");
            violations.put("git_state_head_commit_check", "INSERT INTO git_state (agent_id, worktree_path, head_commit, dirty,"
                    + " ahead, behind, updated_at) VALUES ('a1', '/w', REPEAT('f', 41), 0, 0, 0, 1)");
            violations.put("pull_requests_merged_at_check", "INSERT INTO pull_requests (number, author_agent, title,"
                    + " source_branch, target_branch, status, created_at, updated_at) VALUES (1, 'a1', 't', 'f', 'main', 'merged', 1, 1)");
            for (Map.Entry<String, String> violation : violations.entrySet()) {
                SQLException e = assertThrows(SQLException.class, () -> execute(connection, violation.getValue()),
                        violation.getKey());
                assertThat(e.getErrorCode()).as(violation.getKey()).isEqualTo(CONSTRAINT_FAILED);
                assertThat(e.getMessage()).contains("CONSTRAINT `" + violation.getKey() + "` failed for `");
            }
        }
    }

    @Test
    void aSkipLockedClaimWalksTheClaimIndexAndStopsAtItsLimit() throws SQLException {
        try (Connection connection = server.connect(url)) {
            execute(connection, "INSERT INTO agents (id, type, status, created_at, last_heartbeat_at, updated_at)"
                    + " VALUES ('a1', 'worker', 'active', 1, 1, 1)");
            connection.setAutoCommit(false);
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO tasks (id, title, type, status, priority,"
                    + " assigned_agent, required_capabilities, payload, max_attempts, attempts, lease_until, available_at,"
                    + " created_at, updated_at, finished_at) VALUES (?, 't', 'build', ?, ?, ?, ?, '{}', 3, ?, ?, ?, ?, ?, ?)")) {
                // A backlog as the claim meets it: finished work, leased work, and the queue.
                for (int i = 0; i < 6000; i++) {
                    String status = i % 3 == 0 ? "queued" : i % 3 == 1 ? "completed" : i % 30 == 2 ? "running" : "dead";
                    boolean leased = status.equals("running");
                    boolean finished = status.equals("completed") || status.equals("dead");
                    insert.setString(1, "task-" + i);
                    insert.setString(2, status);
                    insert.setInt(3, i % 5);
                    insert.setString(4, status.equals("queued") ? null : "a1");
                    insert.setString(5, i % 7 == 0 ? "[\"gpu\"]" : "[]");
                    insert.setInt(6, status.equals("queued") ? 0 : 1);
                    setNullableLong(insert, 7, leased ? 10_000L + i : null);
                    insert.setLong(8, i % 11 == 0 ? 1_000_000L : i);
                    insert.setLong(9, i);
                    insert.setLong(10, i);
                    setNullableLong(insert, 11, finished ? (long) i : null);
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            connection.commit();
            execute(connection, "ANALYZE TABLE tasks");

            String claim = """
                    SELECT t.id FROM tasks t
                    WHERE t.status = 'queued' AND t.available_at <= 500000
                      AND JSON_CONTAINS('["java", "linux"]', t.required_capabilities)
                    ORDER BY t.priority DESC, t.created_at, t.id
                    LIMIT 10
                    FOR UPDATE SKIP LOCKED
                    """;
            String plan = strings(connection, "EXPLAIN FORMAT=JSON " + claim).get(0);
            assertThat(plan).contains("\"key\": \"tasks_claim_idx\"").doesNotContain("filesort").doesNotContain("temporary");

            // ANALYZE runs the statement: its locks go with the rollback.
            String run = strings(connection, "ANALYZE FORMAT=JSON " + claim).get(0);
            connection.rollback();
            assertThat(rowsRead(run)).as("index entries read for 10 claimable tasks").isBetween(10, 20);
        }
    }

    private static final Pattern R_ROWS = Pattern.compile("\"r_rows\": ([0-9.]+)");

    private static int rowsRead(String analyzeJson) {
        Matcher matcher = R_ROWS.matcher(analyzeJson);
        assertThat(matcher.find()).as("r_rows in %s", analyzeJson).isTrue();
        return (int) Math.round(Double.parseDouble(matcher.group(1)));
    }

    private static void insertOneRowPerJsonTable(Connection connection) throws SQLException {
        for (String sql : List.of(
                "INSERT INTO agents (id, type, status, created_at, last_heartbeat_at, updated_at)"
                        + " VALUES ('a1', 'worker', 'active', 1, 1, 1), ('a2', 'worker', 'idle', 1, 1, 1)",
                "INSERT INTO tasks (id, title, type, status, priority, payload, max_attempts, available_at, created_at, updated_at)"
                        + " VALUES ('t1', 't', 'build', 'queued', 0, '{}', 3, 1, 1, 1)",
                "INSERT INTO agent_messages (id, to_agent, type, priority, payload, sent_at, visible_at)"
                        + " VALUES ('m1', 'a1', 'note', 0, '{}', 1, 1)",
                "INSERT INTO events (id, type, severity, details, occurred_at, seq) VALUES ('e1', 'boot', 'info', '{}', 1, 1)",
                "INSERT INTO shared_memory (namespace, entry_key, value, data_type, version, size_bytes, created_at, updated_at)"
                        + " VALUES ('n', 'k', '1', 'number', 1, 1, 1, 1)",
                "INSERT INTO projects (id, name, kind, status, created_at, updated_at) VALUES ('p1', 'p', 'project', 'active', 1, 1)",
                "INSERT INTO performance_metrics (id, name, value, unit, recorded_at) VALUES ('pm1', 'latency', 1.5, 'ms', 1)",
                "INSERT INTO checkpoints (id, project_id, name, kind, status, criteria, created_at, updated_at)"
                        + " VALUES ('c1', 'p1', 'gate', 'quality_gate', 'pending', '{}', 1, 1)",
                "INSERT INTO configurations (scope, agent_id, category, config_key, value, version, created_at, updated_at)"
                        + " VALUES ('system', NULL, 'c', 'k', '1', 1, 1, 1)",
                "INSERT INTO memory_snapshot_contents (content_hash, content, size_bytes, created_at)"
                        + " VALUES (REPEAT('a', 64), '{}', 2, 1)")) {
            execute(connection, sql);
        }
    }

    private static void assertDuplicate(Connection connection, String key, String sql, Object... parameters) {
        SQLException e = assertThrows(SQLException.class, () -> execute(connection, sql, parameters), key);
        assertThat(e.getErrorCode()).as(key).isEqualTo(DUPLICATE_KEY);
        assertThat(e.getSQLState()).isEqualTo("23000");
        // MariaDB names the index only, without its table (MySQL 8.0.19 and later write table.index).
        assertThat(e.getMessage()).contains("' for key '" + key + "'");
    }

    private static void setNullableLong(PreparedStatement statement, int index, Long value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.BIGINT);
        } else {
            statement.setLong(index, value);
        }
    }

    private static int execute(Connection connection, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            return statement.execute() ? 0 : statement.getUpdateCount();
        }
    }

    private static Set<String> columnsOfType(Map<String, String> types, String type) {
        Set<String> columns = new TreeSet<>();
        types.forEach((column, columnType) -> {
            if (columnType.equals(type)) {
                columns.add(column);
            }
        });
        return columns;
    }

    /**
     * The names and shapes of one schema, read from the database's catalog: columns as
     * {@code table.column}, keys and indexes as {@code table(column,...)}.
     */
    private record Schema(Set<String> tables, Map<String, Boolean> nullable, Set<String> checks, Set<String> foreignKeys,
                          Map<String, String> primaryKeys, Map<String, String> uniqueIndexes, Map<String, String> indexes,
                          Set<String> ginIndexes) {

        static Schema ofMariaDb(Connection connection) throws SQLException {
            Set<String> tables = new TreeSet<>(strings(connection, "SELECT TABLE_NAME FROM information_schema.TABLES"
                    + " WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME <> 'flyway_schema_history'"));
            Map<String, Boolean> nullable = nullability(connection, "SELECT CONCAT(TABLE_NAME, '.', COLUMN_NAME), IS_NULLABLE"
                    + " FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME <> 'flyway_schema_history'");
            // Table-level only: a column-level check is the json_valid MariaDB adds to every JSON column.
            Set<String> checks = new TreeSet<>(strings(connection, "SELECT CONSTRAINT_NAME FROM information_schema.CHECK_CONSTRAINTS"
                    + " WHERE CONSTRAINT_SCHEMA = DATABASE() AND LEVEL = 'Table'"));
            Set<String> foreignKeys = new TreeSet<>(strings(connection, """
                    SELECT CONCAT(TABLE_NAME, '.', CONSTRAINT_NAME, '(', GROUP_CONCAT(COLUMN_NAME ORDER BY ORDINAL_POSITION),
                                  ')->', REFERENCED_TABLE_NAME, '(',
                                  GROUP_CONCAT(REFERENCED_COLUMN_NAME ORDER BY ORDINAL_POSITION), ')')
                    FROM information_schema.KEY_COLUMN_USAGE
                    WHERE TABLE_SCHEMA = DATABASE() AND REFERENCED_TABLE_NAME IS NOT NULL
                    GROUP BY TABLE_NAME, CONSTRAINT_NAME, REFERENCED_TABLE_NAME
                    """));
            Map<String, String> primaryKeys = pairs(connection, """
                    SELECT TABLE_NAME, GROUP_CONCAT(COLUMN_NAME ORDER BY SEQ_IN_INDEX) FROM information_schema.STATISTICS
                    WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME <> 'flyway_schema_history' AND INDEX_NAME = 'PRIMARY'
                    GROUP BY TABLE_NAME
                    """);
            String indexes = """
                    SELECT INDEX_NAME, CONCAT(TABLE_NAME, '(',
                           GROUP_CONCAT(CONCAT(COLUMN_NAME, IF(COLLATION = 'D', ' DESC', '')) ORDER BY SEQ_IN_INDEX), ')')
                    FROM information_schema.STATISTICS
                    WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME <> 'flyway_schema_history' AND INDEX_NAME <> 'PRIMARY'
                      AND NON_UNIQUE = ?
                    GROUP BY TABLE_NAME, INDEX_NAME
                    """;
            return new Schema(tables, nullable, checks, foreignKeys, primaryKeys, pairs(connection, indexes, 0),
                    pairs(connection, indexes, 1), Set.of());
        }

        static Schema ofPostgres(Connection connection) throws SQLException {
            Set<String> tables = new TreeSet<>(strings(connection, "SELECT table_name FROM information_schema.tables"
                    + " WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> 'flyway_schema_history'"));
            Map<String, Boolean> nullable = nullability(connection, "SELECT table_name || '.' || column_name, is_nullable"
                    + " FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> 'flyway_schema_history'");
            Set<String> checks = new TreeSet<>(strings(connection, "SELECT conname FROM pg_constraint"
                    + " WHERE contype = 'c' AND connamespace = 'public'::regnamespace"));
            String columns = """
                    (SELECT string_agg(a.attname, ',' ORDER BY k.ord)
                     FROM unnest(%s) WITH ORDINALITY k(attnum, ord)
                     JOIN pg_attribute a ON a.attrelid = %s AND a.attnum = k.attnum)
                    """;
            Set<String> foreignKeys = new TreeSet<>(strings(connection, "SELECT c.conrelid::regclass::text || '.' || c.conname || '('"
                    + " || " + columns.formatted("c.conkey", "c.conrelid") + " || ')->' || c.confrelid::regclass::text || '('"
                    + " || " + columns.formatted("c.confkey", "c.confrelid") + " || ')'"
                    + " FROM pg_constraint c WHERE c.contype = 'f' AND c.connamespace = 'public'::regnamespace"));
            String indexes = """
                    SELECT i.relname, t.relname || '(' || %s || ')'
                    FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid
                    JOIN pg_am am ON am.oid = i.relam
                    WHERE t.relnamespace = 'public'::regnamespace AND t.relname <> 'flyway_schema_history' AND %s
                    """.formatted(columns.formatted("x.indkey::int2[]", "x.indrelid"), "%s");
            Map<String, String> primaryKeys = new TreeMap<>();
            for (String definition : pairs(connection, indexes.formatted("x.indisprimary")).values()) {
                primaryKeys.put(definition.substring(0, definition.indexOf('(')),
                        definition.substring(definition.indexOf('(') + 1, definition.length() - 1));
            }
            return new Schema(tables, nullable, checks, foreignKeys, primaryKeys,
                    pairs(connection, indexes.formatted("x.indisunique AND NOT x.indisprimary")),
                    pairs(connection, indexes.formatted("NOT x.indisunique AND am.amname = 'btree'")),
                    new TreeSet<>(pairs(connection, indexes.formatted("am.amname = 'gin'")).keySet()));
        }

        private static Map<String, Boolean> nullability(Connection connection, String sql) throws SQLException {
            Map<String, Boolean> nullable = new TreeMap<>();
            pairs(connection, sql).forEach((column, flag) -> nullable.put(column, flag.equals("YES")));
            return nullable;
        }
    }

    private static Map<String, String> pairs(Connection connection, String sql, Object... parameters) throws SQLException {
        Map<String, String> values = new TreeMap<>();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    values.put(rs.getString(1), rs.getString(2));
                }
            }
        }
        return values;
    }

    private static List<String> strings(Connection connection, String sql, Object... parameters) throws SQLException {
        List<String> values = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    values.add(rs.getString(1));
                }
            }
        }
        return values;
    }
}
