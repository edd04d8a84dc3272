package dev.agenthive.store.sqlite;

import dev.agenthive.api.json.Json;
import dev.agenthive.api.task.TaskStatus;
import org.apache.ibatis.mapping.BoundSql;
import org.apache.ibatis.mapping.MappedStatement;
import org.apache.ibatis.scripting.defaults.DefaultParameterHandler;
import org.apache.ibatis.session.SqlSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hot statements' query plans use the index meant for them, on tables with enough rows that a
 * wrong plan would be a full scan or a sort of the backlog (see DESIGN.md, "Performance design").
 * Each plan is SQLite's {@code EXPLAIN QUERY PLAN} of the statement exactly as the store's MyBatis
 * configuration builds and binds it, so a change to a mapper or an index that loses the plan fails
 * here. A structural check, never a timing.
 */
class QueryPlanTest {
    private static final int TASKS = 20_000;
    private static final Instant NOW = Instant.ofEpochMilli(1_800_000_000_000L);
    /** The task by primary key, and whether it has dependencies by an index probe per returned row. */
    private static final List<String> BY_PRIMARY_KEY_WITH_DEPENDENCY_PROBE = List.of(
            "SEARCH tasks USING INDEX sqlite_autoindex_tasks_1 (id=?)",
            "CORRELATED SCALAR SUBQUERY 1",
            "SEARCH d USING COVERING INDEX task_dependencies_task_idx (task_id=?)");

    @TempDir
    static Path dir;

    private static SqliteHiveStore store;

    @BeforeAll
    static void fill() {
        store = Stores.open(dir.resolve("plans.db"));
        store.executor().write(session -> {
            execute(session, """
                    WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100)
                    INSERT INTO agents (id, type, status, capabilities, configuration, created_at, last_heartbeat_at, updated_at)
                    SELECT 'agent-' || i, 'coder', 'active', '["java"]', '{}', 1, 1, 1 FROM n""");
            // Mostly queued, a tenth leased (half of them expired), a tenth completed.
            execute(session, """
                    WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < %d)
                    INSERT INTO tasks (id, title, type, status, priority, assigned_agent, required_capabilities, payload,
                                       attempts, max_attempts, lease_token, lease_until, available_at, created_at, updated_at)
                    SELECT printf('task-%%06d', i), 'task ' || i, 'task',
                           CASE i %% 10 WHEN 0 THEN 'claimed' WHEN 1 THEN 'completed' ELSE 'queued' END,
                           i %% 3, CASE i %% 10 WHEN 0 THEN 'agent-' || (i %% 100 + 1) END,
                           CASE i %% 7 WHEN 0 THEN '["java"]' ELSE '[]' END, '{}',
                           CASE i %% 10 WHEN 0 THEN 1 ELSE 0 END, 3, i %% 10 = 0,
                           CASE i %% 10 WHEN 0 THEN %d + (i %% 20 - 10) * 1000 END, 1, i, i FROM n"""
                    .formatted(TASKS, NOW.toEpochMilli()));
            execute(session, """
                    WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 5000)
                    INSERT INTO task_dependencies (task_id, depends_on_id, ordinal)
                    SELECT printf('task-%06d', i + 1), printf('task-%06d', i), 0 FROM n""");
            execute(session, """
                    WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 5000)
                    INSERT INTO agent_messages (id, from_agent, to_agent, type, priority, payload, sent_at, visible_at, acked_at)
                    SELECT printf('msg-%06d', i), 'agent-1', 'agent-' || (i % 100 + 1), 'note', i % 3, '{}', i, i,
                           CASE WHEN i % 2 = 0 THEN i END FROM n""");
            execute(session, """
                    WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 5000)
                    INSERT INTO shared_memory (namespace, entry_key, value, data_type, metadata, version, size_bytes,
                                               created_at, updated_at)
                    SELECT 'team-' || (i % 10), 'key-' || i, '{"v":1}', 'object', '{}', 1, 7, i, i FROM n""");
            execute(session, """
                    WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 20000)
                    INSERT INTO events (id, type, severity, agent_id, details, occurred_at)
                    SELECT printf('event-%06d', i), 'type-' || (i % 20), 'info', 'agent-' || (i % 100 + 1), '{}', i FROM n""");
            return null;
        });
    }

    @AfterAll
    static void close() {
        store.close();
    }

    @Test
    void claimWalksTheClaimIndexInQueueOrderAndUpdatesByPrimaryKey() {
        List<String> plan = plan("dev.agenthive.store.jdbc.task.TaskMapper.claim", Map.of(
                "now", NOW, "capabilities", Set.of("java"), "limit", 32, "agentId", "agent-1",
                "leaseUntil", NOW.plusSeconds(30)));

        assertThat(plan).anyMatch(step -> step.contains("USING INDEX tasks_claim_idx"))
                .anyMatch(step -> step.matches("SEARCH tasks USING (COVERING )?INDEX sqlite_autoindex_tasks_1 \\(id=\\?\\)"));
        assertNoSortOrScan(plan);
    }

    @Test
    void theClaimProbeReadsOnlyThePartialIndexes() {
        List<String> plan = plan("dev.agenthive.store.jdbc.task.TaskMapper.claimable",
                Map.of("now", NOW, "capabilities", Set.of(), "horizon", 64));

        assertThat(plan).anyMatch(step -> step.contains("USING INDEX tasks_claim_idx"))
                .anyMatch(step -> step.contains("USING INDEX tasks_lease_idx"));
        assertNoSortOrScan(plan);
    }

    @Test
    void expiredLeasesAreFoundThroughTheLeaseIndex() {
        List<String> plan = plan("dev.agenthive.store.jdbc.task.TaskMapper.expiredLeases", Map.of("now", NOW));

        assertThat(plan).anyMatch(step -> step.contains("USING INDEX tasks_lease_idx (lease_until<?)"));
        // Ties on lease_until are put in id order among the few expired rows, not the whole table.
        assertThat(plan).allMatch(step -> !step.contains("TEMP B-TREE") || step.contains("LAST TERM OF ORDER BY"));
        assertThat(plan).noneMatch(step -> step.startsWith("SCAN"));
    }

    @Test
    void leaseGuardedTransitionsFindTheTaskByPrimaryKey() {
        Map<String, Object> guard = Map.of("id", "task-000010", "token", 1L, "now", NOW,
                "leaseUntil", NOW.plusSeconds(30), "result", Json.of("{}"));
        for (String transition : List.of("start", "heartbeat", "complete")) {
            List<String> plan = plan("dev.agenthive.store.jdbc.task.TaskMapper." + transition, guard);

            assertThat(plan).as(transition).containsExactlyElementsOf(BY_PRIMARY_KEY_WITH_DEPENDENCY_PROBE);
        }
        Map<String, Object> failure = new HashMap<>(guard);
        failure.put("status", TaskStatus.QUEUED);
        failure.put("error", Json.of("{}"));
        failure.put("availableAt", NOW);
        failure.put("finishedAt", NOW);
        assertThat(plan("dev.agenthive.store.jdbc.task.TaskMapper.fail", failure))
                .containsExactlyElementsOf(BY_PRIMARY_KEY_WITH_DEPENDENCY_PROBE);
    }

    @Test
    void dependenciesAndDependentsUseTheirForeignKeyIndexes() {
        assertThat(plan("dev.agenthive.store.jdbc.task.TaskMapper.dependencies", Map.of("ids", List.of("task-000002"))))
                .anyMatch(step -> step.contains("INDEX task_dependencies_task_idx (task_id=?)"))
                .allMatch(step -> !step.contains("TEMP B-TREE"));
        assertThat(plan("dev.agenthive.store.jdbc.task.TaskMapper.dependents", Map.of("id", "task-000002")))
                .anyMatch(step -> step.contains("INDEX task_dependencies_depends_on_idx (depends_on_id=?)"));
    }

    @Test
    void theInboxReadsTheInboxIndexInDeliveryOrder() {
        List<String> plan = plan("dev.agenthive.store.jdbc.message.MessageMapper.visible",
                Map.of("agentId", "agent-7", "now", NOW, "limit", 10));

        assertThat(plan).anyMatch(step -> step.contains("USING INDEX agent_messages_inbox_idx (to_agent=?)"));
        assertNoSortOrScan(plan);
    }

    @Test
    void theInboxProbeReadsTheInboxIndex() {
        List<String> plan = plan("dev.agenthive.store.jdbc.message.MessageMapper.anyVisible",
                Map.of("agentId", "agent-7", "now", NOW));

        assertThat(plan).anyMatch(step -> step.contains("INDEX agent_messages_inbox_idx (to_agent=?)"));
        assertNoSortOrScan(plan);
    }

    @Test
    void sharedMemoryReadsAndWritesOneEntryByPrimaryKey() {
        assertThat(plan("dev.agenthive.store.jdbc.memory.SharedMemoryMapper.findLive",
                Map.of("namespace", "team-1", "key", "key-11", "now", NOW)))
                .containsExactly("SEARCH shared_memory USING PRIMARY KEY (namespace=? AND entry_key=?)");
    }

    @Test
    void agentChecksOnTheClaimPathUseThePrimaryKey() {
        List<String> plan = plan("dev.agenthive.store.jdbc.agent.AgentMapper.exists", Map.of("id", "agent-1"));

        assertThat(plan).anyMatch(step -> step.contains("sqlite_autoindex_agents_1 (id=?)"));
        assertNoSortOrScan(plan);
    }

    /**
     * A plan whose steps neither sort through a temporary b-tree nor scan a table (virtual json_each
     * tables and the rows of a bounded subquery aside).
     */
    private static void assertNoSortOrScan(List<String> plan) {
        assertThat(plan).noneMatch(step -> step.contains("TEMP B-TREE"));
        assertThat(plan).noneMatch(step -> step.startsWith("SCAN") && !step.contains("USING")
                && !step.contains("VIRTUAL TABLE") && !step.equals("SCAN CONSTANT ROW")
                && !step.startsWith("SCAN (subquery"));
    }

    /**
     * The steps of {@code EXPLAIN QUERY PLAN} for the mapped statement bound to {@code parameters}
     * (named as the mapper method's {@code @Param}s), as SQLite words them.
     */
    private static List<String> plan(String statementId, Map<String, ?> parameters) {
        return store.executor().read(session -> {
            MappedStatement statement = session.getConfiguration().getMappedStatement(statementId);
            Map<String, Object> parameterObject = new HashMap<>(parameters);
            BoundSql sql = statement.getBoundSql(parameterObject);
            List<String> steps = new ArrayList<>();
            try (PreparedStatement explain = connection(session).prepareStatement("EXPLAIN QUERY PLAN " + sql.getSql())) {
                new DefaultParameterHandler(statement, parameterObject, sql).setParameters(explain);
                try (ResultSet rows = explain.executeQuery()) {
                    while (rows.next()) {
                        steps.add(rows.getString("detail"));
                    }
                }
            } catch (SQLException e) {
                throw new AssertionError("cannot explain " + statementId + ": " + e.getMessage(), e);
            }
            return steps;
        });
    }

    private static void execute(SqlSession session, String sql) {
        try (Statement statement = connection(session).createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new AssertionError("cannot fill the test database: " + e.getMessage(), e);
        }
    }

    private static Connection connection(SqlSession session) {
        return session.getConnection();
    }
}
