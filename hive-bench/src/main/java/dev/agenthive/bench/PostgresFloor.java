package dev.agenthive.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The floor on PostgreSQL: a HikariCP pool, the server's default isolation (READ COMMITTED), each
 * operation one statement in its own transaction. A claim is one UPDATE over a
 * {@code FOR UPDATE SKIP LOCKED} subselect. Like Agent Hive, inserts are batched by the driver and
 * statements are server-side prepared (the driver's default after five uses).
 */
final class PostgresFloor implements Floor {
    private static final String CLAIM = """
            UPDATE tasks
            SET status = 'claimed', assigned_agent = ?, lease_token = lease_token + 1,
                lease_until = now() + interval '30 seconds', attempts = attempts + 1, updated_at = now()
            WHERE id IN (SELECT id FROM tasks
                         WHERE status = 'queued' AND available_at <= now()
                         ORDER BY priority DESC, created_at, id
                         LIMIT ?
                         FOR UPDATE SKIP LOCKED)
            RETURNING id, lease_token""";
    private static final String COMPLETE = """
            UPDATE tasks
            SET status = 'completed', result = CAST(? AS jsonb), lease_until = NULL, finished_at = now(),
                updated_at = now()
            WHERE id = ? AND status IN ('claimed', 'running') AND lease_token = ?""";
    private static final String ENQUEUE = """
            INSERT INTO tasks (id, title, type, status, priority, required_capabilities, payload, attempts,
                               max_attempts, lease_token, available_at, created_at, updated_at)
            VALUES (?, ?, 'task', 'queued', 0, '[]', '{}', 0, 3, 0, now(), clock_timestamp(), now())""";
    // Agent Hive's put: a new entry starts at version 1, a live one goes up by one, an expired one starts afresh.
    private static final String PUT = """
            INSERT INTO shared_memory (namespace, entry_key, value, data_type, metadata, version, expires_at,
                                       size_bytes, access_count, last_accessed_at, created_at, updated_at)
            VALUES (?, ?, CAST(? AS jsonb), ?, '{}', 1, NULL, ?, 0, NULL, now(), now())
            ON CONFLICT (namespace, entry_key) DO UPDATE
            SET value = excluded.value, data_type = excluded.data_type, metadata = excluded.metadata,
                version = CASE WHEN shared_memory.expires_at <= excluded.updated_at THEN 1
                               ELSE shared_memory.version + 1 END,
                access_count = CASE WHEN shared_memory.expires_at <= excluded.updated_at THEN 0
                                    ELSE shared_memory.access_count END,
                created_at = CASE WHEN shared_memory.expires_at <= excluded.updated_at THEN excluded.created_at
                                  ELSE shared_memory.created_at END,
                expires_at = NULL, size_bytes = excluded.size_bytes, updated_at = excluded.updated_at
            RETURNING version""";
    private static final String GET = """
            SELECT value::text FROM shared_memory
            WHERE namespace = ? AND entry_key = ? AND (expires_at IS NULL OR expires_at > now())""";

    // One statement: the content row in a data-modifying WITH, whose row the snapshot's foreign key
    // sees, since that is checked at the end of the statement.
    private static final String PUT_SNAPSHOT = "WITH content AS ("
            + FloorJson.snapshotContentInsert("CAST(? AS jsonb)", "now()") + ") " + FloorJson.snapshotInsert("now()");
    private static final String SNAPSHOT_CONTENT = FloorJson.snapshotContentSelect("c.content::text");

    private static final String AGENT_STATUS = "SELECT status FROM agents WHERE id = ?";
    private static final String SET_AGENT_STATUS = "UPDATE agents SET status = ?, updated_at = now() WHERE id = ?";

    private final HikariDataSource pool;

    PostgresFloor(BenchTarget target, int connections) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(target.jdbcUrl());
        config.setUsername(target.user());
        config.setPassword(target.password());
        config.setMaximumPoolSize(connections);
        config.setMinimumIdle(connections);
        config.setPoolName("floor");
        config.addDataSourceProperty("reWriteBatchedInserts", "true");
        this.pool = new HikariDataSource(config);
    }

    @Override
    public void enqueue(int count) throws SQLException {
        try (Connection connection = pool.getConnection(); PreparedStatement insert = connection.prepareStatement(ENQUEUE)) {
            connection.setAutoCommit(false);
            for (int i = 0; i < count; i++) {
                insert.setString(1, FloorIds.next('t'));
                insert.setString(2, "task " + i);
                insert.addBatch();
                if ((i + 1) % 1_000 == 0 || i == count - 1) {
                    insert.executeBatch();
                    connection.commit();
                }
            }
            connection.setAutoCommit(true);
        }
    }

    @Override
    public List<ClaimedTask> claim(String agentId, int max) throws SQLException {
        try (Connection connection = pool.getConnection(); PreparedStatement claim = connection.prepareStatement(CLAIM)) {
            claim.setString(1, agentId);
            claim.setInt(2, max);
            List<ClaimedTask> claimed = new ArrayList<>(max);
            try (ResultSet rows = claim.executeQuery()) {
                while (rows.next()) {
                    claimed.add(new ClaimedTask(rows.getString(1), rows.getLong(2)));
                }
            }
            return claimed;
        }
    }

    @Override
    public void complete(ClaimedTask task, String resultJson) throws SQLException {
        int changed;
        try (Connection connection = pool.getConnection();
             PreparedStatement complete = connection.prepareStatement(COMPLETE)) {
            complete.setString(1, resultJson);
            complete.setString(2, task.id());
            complete.setLong(3, task.leaseToken());
            changed = complete.executeUpdate();
        }
        if (changed != 1) {
            throw new IllegalStateException("lease lost: task " + task.id() + " token " + task.leaseToken());
        }
    }

    @Override
    public long countCompleted() throws SQLException {
        try (Connection connection = pool.getConnection();
             PreparedStatement count = connection.prepareStatement("SELECT COUNT(*) FROM tasks WHERE status = 'completed'");
             ResultSet row = count.executeQuery()) {
            row.next();
            return row.getLong(1);
        }
    }

    @Override
    public long put(String namespace, String key, String valueJson) throws SQLException {
        try (Connection connection = pool.getConnection(); PreparedStatement put = connection.prepareStatement(PUT)) {
            put.setString(1, namespace);
            put.setString(2, key);
            put.setString(3, valueJson);
            put.setString(4, FloorJson.type(valueJson));
            put.setLong(5, FloorJson.utf8Length(valueJson));
            try (ResultSet row = put.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    @Override
    public String get(String namespace, String key) throws SQLException {
        try (Connection connection = pool.getConnection(); PreparedStatement get = connection.prepareStatement(GET)) {
            get.setString(1, namespace);
            get.setString(2, key);
            try (ResultSet row = get.executeQuery()) {
                return row.next() ? row.getString(1) : null;
            }
        }
    }

    @Override
    public String agentStatus(String agentId) throws SQLException {
        return readText(AGENT_STATUS, agentId);
    }

    /** The first column of the row {@code sql} finds for {@code parameter}, or {@code null} when it finds none. */
    private String readText(String sql, String parameter) throws SQLException {
        try (Connection connection = pool.getConnection(); PreparedStatement read = connection.prepareStatement(sql)) {
            read.setString(1, parameter);
            try (ResultSet row = read.executeQuery()) {
                return row.next() ? row.getString(1) : null;
            }
        }
    }

    @Override
    public void setAgentStatus(String agentId, String status) throws SQLException {
        try (Connection connection = pool.getConnection();
             PreparedStatement write = connection.prepareStatement(SET_AGENT_STATUS)) {
            write.setString(1, status);
            write.setString(2, agentId);
            write.executeUpdate();
        }
    }

    @Override
    public void insertEvents(List<FloorEvent> events) throws SQLException {
        try (Connection connection = pool.getConnection();
             PreparedStatement insert = connection.prepareStatement(
                     FloorJson.eventInsert(events.size(), "CAST(? AS jsonb)", "now()"))) {
            int p = 1;
            for (FloorEvent event : events) {
                insert.setString(p++, event.id());
                insert.setString(p++, event.type());
                insert.setString(p++, event.severity());
                insert.setString(p++, event.agentId());
                insert.setString(p++, event.detailsJson());
            }
            insert.executeUpdate();
        }
    }

    @Override
    public long countEvents(String type) throws SQLException {
        try (Connection connection = pool.getConnection();
             PreparedStatement count = connection.prepareStatement("SELECT COUNT(*) FROM events WHERE type = ?")) {
            count.setString(1, type);
            try (ResultSet row = count.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    @Override
    public void putSnapshot(String id, String agentId, String memoryType, double importance, String contentJson)
            throws SQLException {
        byte[] utf8 = contentJson.getBytes(StandardCharsets.UTF_8);
        String hash = FloorJson.sha256(utf8);
        try (Connection connection = pool.getConnection();
             PreparedStatement put = connection.prepareStatement(PUT_SNAPSHOT)) {
            put.setString(1, hash);
            put.setString(2, contentJson);
            put.setLong(3, utf8.length);
            put.setString(4, id);
            put.setString(5, agentId);
            put.setString(6, memoryType);
            put.setDouble(7, importance);
            put.setString(8, hash);
            put.setLong(9, utf8.length);
            put.executeUpdate();
        }
    }

    @Override
    public String snapshotContent(String id) throws SQLException {
        return readText(SNAPSHOT_CONTENT, id);
    }

    @Override
    public SnapshotCounts snapshotCounts() throws SQLException {
        try (Connection connection = pool.getConnection();
             PreparedStatement count = connection.prepareStatement(FloorJson.SNAPSHOT_COUNTS);
             ResultSet row = count.executeQuery()) {
            row.next();
            return new SnapshotCounts(row.getLong(1), row.getLong(2));
        }
    }

    @Override
    public void close() {
        pool.close();
    }
}
