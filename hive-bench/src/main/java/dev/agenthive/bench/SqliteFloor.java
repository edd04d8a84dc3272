package dev.agenthive.bench;

import org.sqlite.SQLiteConfig;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The floor on SQLite with Agent Hive's pragmas (WAL, synchronous=NORMAL, foreign keys, 5 s busy
 * timeout, the same journal size limit): one writer connection shared by every thread, each write a
 * {@code BEGIN IMMEDIATE} transaction, and a read connection per thread. Statements are prepared once.
 */
final class SqliteFloor implements Floor {
    private static final long LEASE_MILLIS = 30_000;
    private static final int BUSY_TIMEOUT_MILLIS = 5_000;
    private static final int JOURNAL_SIZE_LIMIT = 16 * 1024 * 1024;

    // Named index: without statistics SQLite's planner prefers tasks_status_idx and sorts the whole
    // backlog for every claim; the partial claim index hands out the first queued row directly.
    private static final String CLAIM = """
            UPDATE tasks
            SET status = 'claimed', assigned_agent = ?, lease_token = lease_token + 1, lease_until = ?,
                attempts = attempts + 1, updated_at = ?
            WHERE id IN (SELECT id FROM tasks INDEXED BY tasks_claim_idx
                         WHERE status = 'queued' AND available_at <= ?
                         ORDER BY priority DESC, created_at, id
                         LIMIT ?)
            RETURNING id, lease_token""";
    private static final String COMPLETE = """
            UPDATE tasks
            SET status = 'completed', result = ?, lease_until = NULL, finished_at = ?, updated_at = ?
            WHERE id = ? AND status IN ('claimed', 'running') AND lease_token = ?""";
    private static final String ENQUEUE = """
            INSERT INTO tasks (id, title, type, status, priority, required_capabilities, payload, attempts,
                               max_attempts, lease_token, available_at, created_at, updated_at)
            VALUES (?, ?, 'task', 'queued', 0, '[]', '{}', 0, 3, 0, ?, ?, ?)""";
    // Agent Hive's put: a new entry starts at version 1, a live one goes up by one, an expired one starts afresh.
    private static final String PUT = """
            INSERT INTO shared_memory (namespace, entry_key, value, data_type, metadata, version, expires_at,
                                       size_bytes, access_count, last_accessed_at, created_at, updated_at)
            VALUES (?, ?, ?, ?, '{}', 1, NULL, ?, 0, NULL, ?, ?)
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
            SELECT value FROM shared_memory
            WHERE namespace = ? AND entry_key = ? AND (expires_at IS NULL OR expires_at > ?)""";
    private static final String AGENT_STATUS = "SELECT status FROM agents WHERE id = ?";
    private static final String SET_AGENT_STATUS = "UPDATE agents SET status = ?, updated_at = ? WHERE id = ?";
    private static final String COUNT_COMPLETED = "SELECT COUNT(*) FROM tasks WHERE status = 'completed'";
    private static final String SNAPSHOT_CONTENT = FloorJson.snapshotContentSelect("c.content");

    private final String url;
    private final Connection writer;
    private final PreparedStatement claim;
    private final PreparedStatement complete;
    private final PreparedStatement put;
    private final Map<Integer, PreparedStatement> eventInserts = new HashMap<>();
    private final List<Connection> readers = new CopyOnWriteArrayList<>();
    private final ThreadLocal<PreparedStatement> reads = new ThreadLocal<>();
    private final ThreadLocal<PreparedStatement> statusReads = new ThreadLocal<>();
    private final ThreadLocal<PreparedStatement> snapshotReads = new ThreadLocal<>();
    private final PreparedStatement setStatus;
    private final PreparedStatement putContent;
    private final PreparedStatement putSnapshot;

    SqliteFloor(BenchTarget target) throws SQLException {
        this.url = target.jdbcUrl();
        this.writer = connect(url, true);
        this.writer.setAutoCommit(false);
        this.claim = writer.prepareStatement(CLAIM);
        this.complete = writer.prepareStatement(COMPLETE);
        this.put = writer.prepareStatement(PUT);
        this.setStatus = writer.prepareStatement(SET_AGENT_STATUS);
        this.putContent = writer.prepareStatement(FloorJson.snapshotContentInsert("?", "?"));
        this.putSnapshot = writer.prepareStatement(FloorJson.snapshotInsert("?"));
    }

    /** A connection with Agent Hive's pragmas; {@code immediate}: transactions begin with BEGIN IMMEDIATE. */
    static Connection connect(String url, boolean immediate) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        config.enforceForeignKeys(true);
        config.setBusyTimeout(BUSY_TIMEOUT_MILLIS);
        config.setJournalSizeLimit(JOURNAL_SIZE_LIMIT);
        if (immediate) {
            config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        }
        return DriverManager.getConnection(url, config.toProperties());
    }

    @Override
    public synchronized void enqueue(int count) throws SQLException {
        try (PreparedStatement insert = writer.prepareStatement(ENQUEUE)) {
            for (int i = 0; i < count; i++) {
                long now = System.currentTimeMillis();
                insert.setString(1, FloorIds.next('t'));
                insert.setString(2, "task " + i);
                insert.setLong(3, now);
                insert.setLong(4, now);
                insert.setLong(5, now);
                insert.addBatch();
                if ((i + 1) % 1_000 == 0 || i == count - 1) {
                    insert.executeBatch();
                    writer.commit();
                }
            }
        } catch (SQLException e) {
            writer.rollback();
            throw e;
        }
    }

    @Override
    public synchronized List<ClaimedTask> claim(String agentId, int max) throws SQLException {
        long now = System.currentTimeMillis();
        claim.setString(1, agentId);
        claim.setLong(2, now + LEASE_MILLIS);
        claim.setLong(3, now);
        claim.setLong(4, now);
        claim.setInt(5, max);
        List<ClaimedTask> claimed = new ArrayList<>(max);
        try {
            // The result set is closed before the commit: SQLite cannot commit while a statement is open.
            try (ResultSet rows = claim.executeQuery()) {
                while (rows.next()) {
                    claimed.add(new ClaimedTask(rows.getString(1), rows.getLong(2)));
                }
            }
            writer.commit();
        } catch (SQLException e) {
            writer.rollback();
            throw e;
        }
        return claimed;
    }

    @Override
    public synchronized void complete(ClaimedTask task, String resultJson) throws SQLException {
        long now = System.currentTimeMillis();
        complete.setString(1, resultJson);
        complete.setLong(2, now);
        complete.setLong(3, now);
        complete.setString(4, task.id());
        complete.setLong(5, task.leaseToken());
        int changed;
        try {
            changed = complete.executeUpdate();
            writer.commit();
        } catch (SQLException e) {
            writer.rollback();
            throw e;
        }
        if (changed != 1) {
            throw new IllegalStateException("lease lost: task " + task.id() + " token " + task.leaseToken());
        }
    }

    @Override
    public synchronized long countCompleted() throws SQLException {
        long completed;
        try (PreparedStatement count = writer.prepareStatement(COUNT_COMPLETED); ResultSet row = count.executeQuery()) {
            row.next();
            completed = row.getLong(1);
        }
        writer.commit();
        return completed;
    }

    @Override
    public synchronized long put(String namespace, String key, String valueJson) throws SQLException {
        long now = System.currentTimeMillis();
        put.setString(1, namespace);
        put.setString(2, key);
        put.setString(3, valueJson);
        put.setString(4, FloorJson.type(valueJson));
        put.setLong(5, FloorJson.utf8Length(valueJson));
        put.setLong(6, now);
        put.setLong(7, now);
        try {
            long version;
            try (ResultSet row = put.executeQuery()) {
                row.next();
                version = row.getLong(1);
            }
            writer.commit();
            return version;
        } catch (SQLException e) {
            writer.rollback();
            throw e;
        }
    }

    @Override
    public String get(String namespace, String key) throws SQLException {
        PreparedStatement get = readStatement(reads, GET);
        get.setString(1, namespace);
        get.setString(2, key);
        get.setLong(3, System.currentTimeMillis());
        try (ResultSet row = get.executeQuery()) {
            return row.next() ? row.getString(1) : null;
        }
    }

    @Override
    public String agentStatus(String agentId) throws SQLException {
        return readText(statusReads, AGENT_STATUS, agentId);
    }

    /**
     * The first column of the row {@code sql} finds for {@code parameter}, or {@code null} when it finds
     * none, through the calling thread's statement of {@code statements}.
     */
    private String readText(ThreadLocal<PreparedStatement> statements, String sql, String parameter)
            throws SQLException {
        PreparedStatement read = readStatement(statements, sql);
        read.setString(1, parameter);
        try (ResultSet row = read.executeQuery()) {
            return row.next() ? row.getString(1) : null;
        }
    }

    /** The calling thread's statement {@code sql} of {@code statements}, on a read connection of its own. */
    private PreparedStatement readStatement(ThreadLocal<PreparedStatement> statements, String sql) throws SQLException {
        PreparedStatement statement = statements.get();
        if (statement == null) {
            Connection reader = connect(url, false);
            readers.add(reader);
            statement = reader.prepareStatement(sql);
            statements.set(statement);
        }
        return statement;
    }

    @Override
    public synchronized void setAgentStatus(String agentId, String status) throws SQLException {
        setStatus.setString(1, status);
        setStatus.setLong(2, System.currentTimeMillis());
        setStatus.setString(3, agentId);
        try {
            setStatus.executeUpdate();
            writer.commit();
        } catch (SQLException e) {
            writer.rollback();
            throw e;
        }
    }

    @Override
    public synchronized void insertEvents(List<FloorEvent> events) throws SQLException {
        PreparedStatement insert = eventInserts.get(events.size());
        if (insert == null) {
            insert = writer.prepareStatement(FloorJson.eventInsert(events.size(), "?", "?"));
            eventInserts.put(events.size(), insert);
        }
        long now = System.currentTimeMillis();
        int p = 1;
        for (FloorEvent event : events) {
            insert.setString(p++, event.id());
            insert.setString(p++, event.type());
            insert.setString(p++, event.severity());
            insert.setString(p++, event.agentId());
            insert.setString(p++, event.detailsJson());
            insert.setLong(p++, now);
        }
        try {
            insert.executeUpdate();
            writer.commit();
        } catch (SQLException e) {
            writer.rollback();
            throw e;
        }
    }

    @Override
    public synchronized long countEvents(String type) throws SQLException {
        long events;
        try (PreparedStatement count = writer.prepareStatement("SELECT COUNT(*) FROM events WHERE type = ?")) {
            count.setString(1, type);
            try (ResultSet row = count.executeQuery()) {
                row.next();
                events = row.getLong(1);
            }
        }
        writer.commit();
        return events;
    }

    @Override
    public void putSnapshot(String id, String agentId, String memoryType, double importance, String contentJson)
            throws SQLException {
        byte[] utf8 = contentJson.getBytes(StandardCharsets.UTF_8);
        // Hashed before the writer is taken, as Agent Hive does, so that other threads' writes need not wait for it.
        String hash = FloorJson.sha256(utf8);
        insertSnapshot(id, agentId, memoryType, importance, contentJson, hash, utf8.length);
    }

    private synchronized void insertSnapshot(String id, String agentId, String memoryType, double importance,
                                             String contentJson, String hash, long size) throws SQLException {
        long now = System.currentTimeMillis();
        putContent.setString(1, hash);
        putContent.setString(2, contentJson);
        putContent.setLong(3, size);
        putContent.setLong(4, now);
        putSnapshot.setString(1, id);
        putSnapshot.setString(2, agentId);
        putSnapshot.setString(3, memoryType);
        putSnapshot.setDouble(4, importance);
        putSnapshot.setString(5, hash);
        putSnapshot.setLong(6, size);
        putSnapshot.setLong(7, now);
        try {
            putContent.executeUpdate();
            putSnapshot.executeUpdate();
            writer.commit();
        } catch (SQLException e) {
            writer.rollback();
            throw e;
        }
    }

    @Override
    public String snapshotContent(String id) throws SQLException {
        return readText(snapshotReads, SNAPSHOT_CONTENT, id);
    }

    @Override
    public synchronized SnapshotCounts snapshotCounts() throws SQLException {
        SnapshotCounts counts;
        try (PreparedStatement count = writer.prepareStatement(FloorJson.SNAPSHOT_COUNTS);
             ResultSet row = count.executeQuery()) {
            row.next();
            counts = new SnapshotCounts(row.getLong(1), row.getLong(2));
        }
        writer.commit();
        return counts;
    }

    @Override
    public synchronized void close() throws SQLException {
        for (Connection reader : readers) {
            reader.close();
        }
        writer.close();
    }
}
