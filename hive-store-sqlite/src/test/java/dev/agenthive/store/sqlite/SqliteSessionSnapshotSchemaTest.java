package dev.agenthive.store.sqlite;

import dev.agenthive.api.agent.AgentRegistration;
import dev.agenthive.api.error.ConflictException;
import dev.agenthive.api.error.ErrorCode;
import dev.agenthive.api.error.HiveException;
import dev.agenthive.api.error.InvalidInputException;
import dev.agenthive.api.json.Json;
import dev.agenthive.api.session.NewSession;
import dev.agenthive.api.snapshot.NewSnapshot;
import dev.agenthive.store.jdbc.SqlExceptionTranslator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The V3 schema's own guards, exercised with raw SQL that bypasses the repositories' checks: the
 * database itself keeps an agent to one active session and refuses out-of-range values, and each
 * refusal translates to the api exception naming the field.
 */
class SqliteSessionSnapshotSchemaTest {
    private static final String HASH = "0".repeat(64);

    @TempDir
    Path dir;

    private final SqlExceptionTranslator translator = new SqlExceptionTranslator(new SqliteDialect());

    @Test
    void theDatabaseAllowsOneActiveSessionPerAgentAndAnyNumberOfEndedOnes() throws SQLException {
        Path db = prepared();
        try (Connection connection = connect(db)) {
            execute(connection, "INSERT INTO context_sessions (id, agent_id, max_tokens, active, started_at, ended_at, updated_at)"
                    + " VALUES ('ended-1', 'a1', 10, 0, 1, 2, 2), ('ended-2', 'a1', 10, 0, 1, 2, 2), ('other', 'a2', 10, 1, 1, NULL, 1)");

            SQLException second = assertThrows(SQLException.class, () -> execute(connection,
                    "INSERT INTO context_sessions (id, agent_id, max_tokens, active, started_at, updated_at)"
                            + " VALUES ('s-2', 'a1', 10, 1, 1, 1)"));
            HiveException translated = translator.translate(second);
            assertThat(translated).isInstanceOf(ConflictException.class);
            assertThat(translated.code()).isEqualTo(ErrorCode.DUPLICATE);
            assertThat(translated.getMessage()).startsWith("session.agentId: ");

            SQLException reactivated = assertThrows(SQLException.class, () -> execute(connection,
                    "UPDATE context_sessions SET active = 1, ended_at = NULL WHERE id = 'ended-1'"));
            assertThat(translator.translate(reactivated).code()).isEqualTo(ErrorCode.DUPLICATE);
            assertThat(count(connection, "SELECT COUNT(*) FROM context_sessions WHERE agent_id = 'a1' AND active = 1"))
                    .isEqualTo(1);
        }
    }

    @Test
    void checkConstraintsNameTheApiField() throws SQLException {
        Path db = prepared();
        try (Connection connection = connect(db)) {
            assertField(connection, "session.usageLevel", "INSERT INTO context_sessions (id, agent_id, max_tokens,"
                    + " usage_level, active, started_at, updated_at) VALUES ('x', 'a2', 10, 'overflow', 1, 1, 1)");
            assertField(connection, "session.active", "INSERT INTO context_sessions (id, agent_id, max_tokens,"
                    + " active, started_at, ended_at, updated_at) VALUES ('x', 'a2', 10, 1, 1, 5, 1)");
            assertField(connection, "session.active", "INSERT INTO context_sessions (id, agent_id, max_tokens,"
                    + " active, started_at, updated_at) VALUES ('x', 'a2', 10, 0, 1, 1)");
            assertField(connection, "session.tokenCount", "INSERT INTO context_sessions (id, agent_id, token_count,"
                    + " max_tokens, active, started_at, updated_at) VALUES ('x', 'a2', -1, 10, 1, 1, 1)");
            assertField(connection, "session.maxTokens", "INSERT INTO context_sessions (id, agent_id, max_tokens,"
                    + " active, started_at, updated_at) VALUES ('x', 'a2', 0, 1, 1, 1)");
            assertField(connection, "snapshot.contentHash", "INSERT INTO memory_snapshot_contents (content_hash,"
                    + " content, size_bytes, created_at) VALUES ('ABC', '{}', 2, 1)");
            assertField(connection, "snapshot.content", "INSERT INTO memory_snapshot_contents (content_hash,"
                    + " content, size_bytes, created_at) VALUES ('" + HASH + "', '{oops', 5, 1)");
            execute(connection, "INSERT INTO memory_snapshot_contents (content_hash, content, size_bytes, created_at)"
                    + " VALUES ('" + HASH + "', '{}', 2, 1)");
            assertField(connection, "snapshot.importance", "INSERT INTO memory_snapshots (id, agent_id, memory_type,"
                    + " importance, content_hash, size_bytes, created_at) VALUES ('m', 'a1', 't', 1.5, '" + HASH + "', 2, 1)");
            assertField(connection, "snapshot.sizeBytes", "INSERT INTO memory_snapshots (id, agent_id, memory_type,"
                    + " importance, content_hash, size_bytes, created_at) VALUES ('m', 'a1', 't', 0.5, '" + HASH + "', -2, 1)");
        }
    }

    @Test
    void aSnapshotCannotReferToMissingContent() throws SQLException {
        Path db = prepared();
        try (Connection connection = connect(db)) {
            execute(connection, "PRAGMA foreign_keys = ON");
            SQLException dangling = assertThrows(SQLException.class, () -> execute(connection,
                    "INSERT INTO memory_snapshots (id, agent_id, memory_type, importance, content_hash, size_bytes,"
                            + " created_at) VALUES ('m', 'a1', 't', 0.5, '" + HASH + "', 2, 1)"));
            assertThat(translator.translate(dangling)).isInstanceOf(InvalidInputException.class);
        }
    }

    /** A store with agents a1 (with an active session and a snapshot) and a2, closed again. */
    private Path prepared() {
        Path db = dir.resolve("hive.db");
        try (SqliteHiveStore store = Stores.open(db)) {
            store.agents().register(AgentRegistration.of("a1", "coder", Set.of()));
            store.agents().register(AgentRegistration.of("a2", "coder", Set.of()));
            store.sessions().start("s-1", new NewSession("a1", 100));
            store.snapshots().store("m-1", NewSnapshot.of("a1", "working", 0.5, Json.of("{\"k\":1}")));
        }
        return db;
    }

    private void assertField(Connection connection, String field, String sql) {
        SQLException refused = assertThrows(SQLException.class, () -> execute(connection, sql));
        HiveException translated = translator.translate(refused);
        assertThat(translated).as(sql).isInstanceOfSatisfying(InvalidInputException.class,
                e -> assertThat(e.field()).isEqualTo(field));
    }

    private static Connection connect(Path db) throws SQLException {
        return DriverManager.getConnection("jdbc:sqlite:" + db);
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.executeUpdate();
        }
    }

    private static long count(Connection connection, String sql) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql); ResultSet rs = statement.executeQuery()) {
            assertThat(rs.next()).isTrue();
            return rs.getLong(1);
        }
    }
}
