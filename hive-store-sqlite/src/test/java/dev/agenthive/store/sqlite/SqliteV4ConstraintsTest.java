package dev.agenthive.store.sqlite;

import dev.agenthive.api.agent.AgentRegistration;
import dev.agenthive.api.configuration.ConfigEntry;
import dev.agenthive.api.configuration.ConfigKey;
import dev.agenthive.api.configuration.ConfigQuery;
import dev.agenthive.api.configuration.ConfigWrite;
import dev.agenthive.api.error.ConflictException;
import dev.agenthive.api.error.ErrorCode;
import dev.agenthive.api.error.HiveException;
import dev.agenthive.api.error.InvalidInputException;
import dev.agenthive.api.json.Json;
import dev.agenthive.api.pullrequest.NewPullRequest;
import dev.agenthive.store.jdbc.SqlExceptionTranslator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The constraints of git state, pull requests and configurations hold in the database itself, for
 * writers that bypass the repositories too, and each failure comes back naming the api field.
 */
class SqliteV4ConstraintsTest {
    private static final String INSERT_CONFIG = "INSERT INTO configurations (scope, agent_id, category, config_key, value,"
            + " version, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 1, 0, 0)";

    @TempDir
    Path dir;

    private final SqlExceptionTranslator translator = new SqlExceptionTranslator(new SqliteDialect());

    @Test
    void theDatabaseAllowsOneSystemValuePerCategoryAndKey() throws SQLException {
        Path file = dir.resolve("hive.db");
        List<ConfigEntry> before;
        try (SqliteHiveStore store = Stores.open(file)) {
            store.agents().register(AgentRegistration.of("alice", "coder", Set.of()));
            store.configurations().put(ConfigWrite.of(ConfigKey.system("llm", "model"), Json.of("1")));
            store.configurations().put(ConfigWrite.of(ConfigKey.agent("alice", "llm", "model"), Json.of("2")));
            before = store.configurations().list(ConfigQuery.all());
        }

        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            HiveException system = refused(connection, INSERT_CONFIG, "system", null, "llm", "model", "3");
            HiveException agent = refused(connection, INSERT_CONFIG, "agent", "alice", "llm", "model", "4");
            HiveException mixed = refused(connection, INSERT_CONFIG, "system", "alice", "llm", "other", "5");
            HiveException ownerless = refused(connection, INSERT_CONFIG, "agent", null, "llm", "other", "6");

            assertThat(system).isInstanceOfSatisfying(ConflictException.class, e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.DUPLICATE);
                assertThat(e.getMessage()).startsWith("config.key: ");
            });
            assertThat(agent).isInstanceOfSatisfying(ConflictException.class,
                    e -> assertThat(e.code()).isEqualTo(ErrorCode.DUPLICATE));
            assertThat(mixed).isInstanceOfSatisfying(InvalidInputException.class,
                    e -> assertThat(e.field()).isEqualTo("config.agentId"));
            assertThat(ownerless).isInstanceOfSatisfying(InvalidInputException.class,
                    e -> assertThat(e.field()).isEqualTo("config.agentId"));
        }

        try (SqliteHiveStore store = Stores.open(file)) {
            assertThat(store.configurations().list(ConfigQuery.all())).isEqualTo(before);
        }
    }

    @Test
    void gitStateAndPullRequestChecksNameTheirFields() throws SQLException {
        Path file = dir.resolve("hive.db");
        try (SqliteHiveStore store = Stores.open(file)) {
            store.agents().register(AgentRegistration.of("alice", "coder", Set.of()));
            store.pullRequests().open(new NewPullRequest(1, "alice", "t", "feature", "main", null));
        }
        String gitState = "INSERT INTO git_state (agent_id, worktree_path, branch, head_commit, dirty, ahead, behind,"
                + " updated_at) VALUES ('alice', ?, 'main', ?, ?, ?, 0, 0)";
        String pullRequest = "INSERT INTO pull_requests (number, author_agent, title, source_branch, target_branch,"
                + " status, created_at, updated_at, merged_at, closed_at) VALUES (?, 'alice', 't', ?, 'main', ?, 0, 0, ?, NULL)";

        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            assertField(refused(connection, gitState, "/a", "A".repeat(40), 0, 0), "gitState.headCommit");
            assertField(refused(connection, gitState, "/b", "a".repeat(39), 0, 0), "gitState.headCommit");
            assertField(refused(connection, gitState, "/c", "a".repeat(40), 2, 0), "gitState.dirty");
            assertField(refused(connection, gitState, "/d", "a".repeat(40), 0, -1), "gitState.ahead");
            assertField(refused(connection, pullRequest, 2, "main", "open", null), "pullRequest.targetBranch");
            assertField(refused(connection, pullRequest, 3, "x", "draft", null), "pullRequest.status");
            assertField(refused(connection, pullRequest, 4, "x", "merged", null), "pullRequest.mergedAt");
            assertField(refused(connection, pullRequest, 5, "x", "open", 7), "pullRequest.mergedAt");
            assertField(refused(connection, pullRequest, 0, "x", "open", null), "pullRequest.number");
            assertThat(refused(connection, pullRequest, 1, "x", "open", null))
                    .isInstanceOfSatisfying(ConflictException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.DUPLICATE));
        }

        try (SqliteHiveStore store = Stores.open(file)) {
            assertThat(store.gitStates().listByAgent("alice")).isEmpty();
            assertThat(store.pullRequests().find(1)).map(pr -> pr.sourceBranch()).contains("feature");
        }
    }

    private HiveException refused(Connection connection, String sql, Object... values) {
        SQLException failure = assertThrows(SQLException.class, () -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                for (int i = 0; i < values.length; i++) {
                    statement.setObject(i + 1, values[i]);
                }
                statement.executeUpdate();
            }
        });
        return translator.translate(failure);
    }

    private static void assertField(HiveException failure, String field) {
        assertThat(failure).isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo(field));
    }
}
