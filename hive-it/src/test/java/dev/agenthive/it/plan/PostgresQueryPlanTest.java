package dev.agenthive.it.plan;

import dev.agenthive.api.event.Severity;
import dev.agenthive.api.json.Json;
import dev.agenthive.api.memory.JsonType;
import dev.agenthive.api.memory.MemoryWrite;
import dev.agenthive.api.task.TaskStatus;
import dev.agenthive.it.postgres.PostgresTestServer;
import dev.agenthive.store.postgres.PostgresHiveStore;
import org.apache.ibatis.session.Configuration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every hot statement of the PostgreSQL store is planned with the index meant for it. The statements
 * come from the store's own MyBatis configuration, bound to sample parameters by MyBatis itself, and
 * are explained on a database with a realistic backlog and fresh statistics. The checks are
 * structural (which index, no sequential scan of a big table, no sort of the backlog), never timings:
 * a claim that sorts the whole queue is still fast on an empty test database and slow in production.
 */
class PostgresQueryPlanTest {
    private static final String TASKS = "dev.agenthive.store.jdbc.task.TaskMapper.";
    private static final String MESSAGES = "dev.agenthive.store.jdbc.message.MessageMapper.";
    private static final String MEMORY = "dev.agenthive.store.jdbc.memory.SharedMemoryMapper.";
    private static final String EVENTS = "dev.agenthive.store.jdbc.event.EventMapper.";
    /** Tables the fixture fills; a hot statement never reads one of them from end to end. */
    private static final Set<String> BIG_TABLES =
            Set.of("tasks", "task_dependencies", "agent_messages", "events", "shared_memory");
    /** "Now" of every statement; the fixture's tasks became claimable an hour before. */
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MICROS);

    private static String url;
    private static Configuration configuration;
    private static Connection connection;

    @BeforeAll
    static void fill() throws SQLException {
        url = PostgresTestServer.get().freshDatabase();
        configuration = PostgresHiveStore.catalog().get().sessions().getConfiguration();
        connection = PostgresTestServer.get().connect(url);
        try (Statement statement = connection.createStatement()) {
            // 100 agents; 20,000 tasks: 80% queued, 10% claimed (leases ending over the next minute,
            // some already over), 10% completed; 2,000 dependencies; 2,000 messages (half acknowledged);
            // 20,000 events; 5,000 shared-memory keys in 10 namespaces.
            statement.execute("""
                    INSERT INTO agents (id, type, status, capabilities, configuration, created_at, last_heartbeat_at, updated_at)
                    SELECT 'agent-' || g, 'coder', 'active', '["java"]', '{}', now(), now(), now()
                    FROM generate_series(1, 100) g""");
            statement.execute("""
                    INSERT INTO tasks (id, title, type, status, priority, assigned_agent, required_capabilities, payload,
                                       attempts, max_attempts, lease_token, lease_until, available_at, idempotency_key,
                                       created_at, updated_at, finished_at)
                    SELECT 'task-' || g, 'task ' || g, 'work',
                           CASE g % 10 WHEN 0 THEN 'claimed' WHEN 1 THEN 'completed' ELSE 'queued' END,
                           g % 5,
                           CASE WHEN g % 10 IN (0, 1) THEN 'agent-' || (g % 100 + 1) END,
                           CAST(CASE WHEN g % 3 = 0 THEN '["java"]' ELSE '[]' END AS jsonb),
                           '{"n":1}',
                           CASE WHEN g % 10 IN (0, 1) THEN 1 ELSE 0 END, 3,
                           CASE WHEN g % 10 IN (0, 1) THEN 1 ELSE 0 END,
                           CASE WHEN g % 10 = 0 THEN now() + ((g % 60) - 5) * interval '1 second' END,
                           now() - interval '1 hour', 'key-' || g,
                           now() - interval '1 hour' - (20000 - g) * interval '1 millisecond', now(),
                           CASE WHEN g % 10 = 1 THEN now() END
                    FROM generate_series(1, 20000) g""");
            statement.execute("""
                    INSERT INTO task_dependencies (task_id, depends_on_id, ordinal)
                    SELECT 'task-' || g, 'task-' || (g + 10000), 0 FROM generate_series(1, 2000) g""");
            statement.execute("""
                    INSERT INTO agent_messages (id, from_agent, to_agent, type, priority, payload, sent_at, visible_at,
                                                delivered_at, acked_at, delivery_count)
                    SELECT 'message-' || g, 'agent-' || ((g + 1) % 100 + 1), 'agent-' || (g % 100 + 1), 'note', g % 3,
                           '{}', now() - g * interval '1 millisecond', now() - g * interval '1 millisecond',
                           CASE WHEN g % 2 = 0 THEN now() END, CASE WHEN g % 2 = 0 THEN now() END,
                           CASE WHEN g % 2 = 0 THEN 1 ELSE 0 END
                    FROM generate_series(1, 2000) g""");
            statement.execute("""
                    INSERT INTO events (id, type, severity, agent_id, details, occurred_at)
                    SELECT 'event-' || g, 'task.completed', 'info', 'agent-' || (g % 100 + 1), '{"ok":true}',
                           now() - g * interval '1 millisecond'
                    FROM generate_series(1, 20000) g""");
            statement.execute("""
                    INSERT INTO shared_memory (namespace, entry_key, value, data_type, metadata, version, size_bytes,
                                               created_at, updated_at)
                    SELECT 'ns-' || (g % 10), 'key-' || g, '{"v":1}', 'object', '{}', 1, 7, now(), now()
                    FROM generate_series(1, 5000) g""");
            statement.execute("ANALYZE");
        }
    }

    @AfterAll
    static void drop() throws SQLException {
        if (connection != null) {
            connection.close();
        }
        if (url != null) {
            PostgresTestServer.get().drop(url);
        }
    }

    @Test
    void claimWalksTheClaimIndexInQueueOrder() throws SQLException {
        for (int limit : new int[] {1, 32}) {
            List<PlanNode> plan = explain(MapperStatement.bind(configuration, TASKS + "claim", "now", NOW,
                    "capabilities", Set.of("java"), "limit", limit, "agentId", "agent-1",
                    "leaseUntil", NOW.plusSeconds(30)));
            assertUsesIndex(plan, "tasks_claim_idx");
            assertThat(plan).as("claim of %d sorts nothing: the claim index is in queue order", limit)
                    .noneMatch(node -> node.type().endsWith("Sort"));
            assertNoFullScan(plan);
        }
    }

    @Test
    void claimProbeAndLeaseSweepUseTheirPartialIndexes() throws SQLException {
        List<PlanNode> probe = explain(MapperStatement.bind(configuration, TASKS + "claimable", "now", NOW,
                "capabilities", Set.of("java"), "horizon", 64));
        assertUsesIndex(probe, "tasks_claim_idx");
        assertUsesIndex(probe, "tasks_lease_idx");
        assertNoFullScan(probe);

        List<PlanNode> expired = explain(MapperStatement.bind(configuration, TASKS + "expiredLeases", "now", NOW));
        assertUsesIndex(expired, "tasks_lease_idx");
        assertNoFullScan(expired);
    }

    @Test
    void taskTransitionsGoByPrimaryKey() throws SQLException {
        Json json = Json.of("{\"ok\":true}");
        List<MapperStatement> statements = List.of(
                MapperStatement.bind(configuration, TASKS + "start", "id", "task-10", "token", 1L, "now", NOW),
                MapperStatement.bind(configuration, TASKS + "heartbeat", "id", "task-10", "token", 1L,
                        "leaseUntil", NOW.plusSeconds(30), "now", NOW),
                MapperStatement.bind(configuration, TASKS + "complete", "id", "task-10", "token", 1L,
                        "result", json, "resultBlob", null, "now", NOW),
                MapperStatement.bind(configuration, TASKS + "fail", "id", "task-10", "token", 1L,
                        "status", TaskStatus.QUEUED, "error", json, "availableAt", NOW, "finishedAt", null, "now", NOW),
                MapperStatement.bind(configuration, TASKS + "find", "id", "task-10"),
                MapperStatement.bind(configuration, TASKS + "lock", "id", "task-10"),
                MapperStatement.bind(configuration, TASKS + "releaseDependent", "id", "task-10", "now", NOW),
                MapperStatement.bind(configuration, TASKS + "existing", "ids", List.of("task-10", "task-11")));
        for (MapperStatement statement : statements) {
            List<PlanNode> plan = explain(statement);
            assertUsesIndex(plan, "tasks_pkey");
            assertNoFullScan(plan);
        }
        List<PlanNode> byKey = explain(MapperStatement.bind(configuration, TASKS + "findByIdempotencyKey",
                "key", "key-10"));
        assertUsesIndex(byKey, "tasks_idempotency_key_uq");
        assertNoFullScan(byKey);

        List<PlanNode> dependents = explain(MapperStatement.bind(configuration, TASKS + "dependents", "id", "task-10001"));
        assertUsesIndex(dependents, "task_dependencies_depends_on_idx");
        assertNoFullScan(dependents);
        assertNoFullScan(explain(MapperStatement.bind(configuration, TASKS + "dependencies",
                "ids", List.of("task-1", "task-2"))));
    }

    @Test
    void inboxWalksTheInboxIndex() throws SQLException {
        List<PlanNode> inbox = explain(MapperStatement.bind(configuration, MESSAGES + "visible", "agentId", "agent-7",
                "now", NOW, "limit", 10));
        assertUsesIndex(inbox, "agent_messages_inbox_idx");
        assertNoFullScan(inbox);
        List<PlanNode> probe = explain(MapperStatement.bind(configuration, MESSAGES + "anyVisible", "agentId", "agent-7",
                "now", NOW));
        assertUsesIndex(probe, "agent_messages_inbox_idx");
        assertNoFullScan(probe);
        for (MapperStatement statement : List.of(
                MapperStatement.bind(configuration, MESSAGES + "markDelivered", "ids", List.of("message-1", "message-3"),
                        "now", NOW, "visibleAt", NOW.plusSeconds(30)),
                MapperStatement.bind(configuration, MESSAGES + "ack", "agentId", "agent-2", "id", "message-1", "now", NOW))) {
            List<PlanNode> plan = explain(statement);
            assertUsesIndex(plan, "agent_messages_pkey");
            assertNoFullScan(plan);
        }
    }

    @Test
    void sharedMemoryGoesByPrimaryKey() throws SQLException {
        MemoryWrite write = new MemoryWrite("ns-1", "key-11", Json.of("{\"v\":2}"), JsonType.OBJECT, null, null, null);
        for (MapperStatement statement : List.of(
                MapperStatement.bind(configuration, MEMORY + "findLive", "namespace", "ns-1", "key", "key-11", "now", NOW),
                MapperStatement.bind(configuration, MEMORY + "find", "namespace", "ns-1", "key", "key-11"),
                MapperStatement.bind(configuration, MEMORY + "update", "w", write, "sizeBytes", 7L, "expiresAt", null,
                        "expectedVersion", 1L, "now", NOW))) {
            List<PlanNode> plan = explain(statement);
            assertUsesIndex(plan, "shared_memory_pkey");
            assertNoFullScan(plan);
        }
        // The upsert finds its conflict through the arbiter index, which the plan does not show as a scan.
        for (boolean absentOnly : new boolean[] {false, true}) {
            assertNoFullScan(explain(MapperStatement.bind(configuration, MEMORY + "upsert", "w", write,
                    "sizeBytes", 7L, "expiresAt", null, "absentOnly", absentOnly, "now", NOW)));
        }
    }

    /** The alert rules' counts read the window through an index, never the whole log or task table. */
    @Test
    void alertCountsReadTheirWindowThroughAnIndex() throws SQLException {
        Instant window = NOW.minus(Duration.ofMinutes(5));
        List<PlanNode> byType = explain(MapperStatement.bind(configuration, EVENTS + "countSince", "from", window,
                "type", "agent.crashed", "severities", null));
        assertUsesIndex(byType, "events_type_idx");
        assertNoFullScan(byType);

        List<PlanNode> bySeverity = explain(MapperStatement.bind(configuration, EVENTS + "countSince", "from", window,
                "type", null, "severities", Severity.ERROR.andAbove()));
        assertUsesIndex(bySeverity, "events_severity_idx");
        assertNoFullScan(bySeverity);

        List<PlanNode> dead = explain(MapperStatement.bind(configuration, TASKS + "countDeadSince",
                "since", NOW.minus(Duration.ofMinutes(15))));
        assertUsesIndex(dead, "tasks_status_idx");
        assertNoFullScan(dead);
    }

    /**
     * Statistics lag the queue: a new database, or a burst enqueued after the table was analyzed
     * nearly empty, leaves the planner guessing a few queued rows, and it then preferred a bitmap scan
     * and a sort of the whole backlog for every claim until autovacuum analyzed the table.
     */
    @Test
    void claimWalksTheClaimIndexBeforeTheTableWasEverAnalyzed() throws SQLException {
        String unanalyzed = PostgresTestServer.get().freshDatabase();
        try (Connection fresh = PostgresTestServer.get().connect(unanalyzed);
             Statement statement = fresh.createStatement()) {
            statement.execute("ALTER TABLE tasks SET (autovacuum_enabled = false)");
            statement.execute("""
                    INSERT INTO tasks (id, title, type, status, priority, required_capabilities, payload, max_attempts,
                                       available_at, created_at, updated_at)
                    SELECT 'task-' || g, 'task ' || g, 'work', 'queued', 0, '[]', '{}', 3, now() - interval '1 hour',
                           now() - interval '1 hour' + g * interval '1 millisecond', now()
                    FROM generate_series(1, 20000) g""");
            for (int limit : new int[] {1, 32}) {
                List<PlanNode> plan = explain(fresh, MapperStatement.bind(configuration, TASKS + "claim", "now", NOW,
                        "capabilities", Set.of("java"), "limit", limit, "agentId", "agent-1",
                        "leaseUntil", NOW.plusSeconds(30)));
                assertUsesIndex(plan, "tasks_claim_idx");
                assertThat(plan).as("claim of %d on an unanalyzed table sorts nothing", limit)
                        .noneMatch(node -> node.type().endsWith("Sort"));
            }
        } finally {
            PostgresTestServer.get().drop(unanalyzed);
        }
    }

    /** One node of a plan. */
    record PlanNode(String type, String relation, String index) {
    }

    /** The nodes of the statement's plan; EXPLAIN without ANALYZE, so nothing is written. */
    private static List<PlanNode> explain(MapperStatement statement) throws SQLException {
        return explain(connection, statement);
    }

    /** As {@link #explain(MapperStatement)}, on the given database, in a transaction rolled back after. */
    private static List<PlanNode> explain(Connection database, MapperStatement statement) throws SQLException {
        String json;
        database.setAutoCommit(false);
        try (PreparedStatement explain = statement.prepare(database, "EXPLAIN (FORMAT JSON) ");
             ResultSet rows = explain.executeQuery()) {
            assertThat(rows.next()).isTrue();
            json = rows.getString(1);
        } finally {
            database.rollback();
            database.setAutoCommit(true);
        }
        // The server walks its own JSON: every object of the plan tree that is a node.
        List<PlanNode> nodes = new ArrayList<>();
        try (PreparedStatement walk = connection.prepareStatement("""
                SELECT n ->> 'Node Type', n ->> 'Relation Name', n ->> 'Index Name'
                FROM jsonb_path_query(CAST(? AS jsonb), 'strict $.**') n
                WHERE jsonb_typeof(n) = 'object' AND n ->> 'Node Type' IS NOT NULL""")) {
            walk.setString(1, json);
            try (ResultSet rows = walk.executeQuery()) {
                while (rows.next()) {
                    nodes.add(new PlanNode(rows.getString(1), rows.getString(2), rows.getString(3)));
                }
            }
        }
        assertThat(nodes).as("plan of %s", statement.id()).isNotEmpty();
        return List.copyOf(nodes);
    }

    private static void assertUsesIndex(List<PlanNode> plan, String index) {
        assertThat(plan).as("plan %s uses %s", plan, index).anyMatch(node -> index.equals(node.index()));
    }

    private static void assertNoFullScan(List<PlanNode> plan) {
        assertThat(plan).as("plan %s scans no big table from end to end", plan)
                .noneMatch(node -> node.type().equals("Seq Scan") && BIG_TABLES.contains(node.relation()));
    }
}
