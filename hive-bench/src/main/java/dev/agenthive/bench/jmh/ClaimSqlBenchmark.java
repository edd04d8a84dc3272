package dev.agenthive.bench.jmh;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;

/**
 * The query that finds the next claimable task on SQLite, over a backlog of 10,000 queued tasks: the
 * statement Agent Hive runs (TaskMapper.xml {@code claimCandidates}, SQLite variant, as of this
 * module's writing, with no required capabilities) against the floor's, which names the partial claim
 * index. Both only read, so the backlog stays the same for every invocation.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ClaimSqlBenchmark {
    private static final int BACKLOG = 10_000;
    private static final String HIVE = """
            SELECT t.id FROM tasks t
            WHERE t.status = 'queued' AND t.available_at <= ?
              AND (t.required_capabilities = '[]'
                   OR NOT EXISTS (SELECT 1 FROM json_each(t.required_capabilities) r
                                  WHERE r.value NOT IN (SELECT a.value FROM json_each(?) a)))
            ORDER BY t.priority DESC, t.created_at, t.id
            LIMIT ?""";
    private static final String FLOOR = """
            SELECT id FROM tasks INDEXED BY tasks_claim_idx
            WHERE status = 'queued' AND available_at <= ?
            ORDER BY priority DESC, created_at, id
            LIMIT ?""";

    private SqliteFixture fixture;
    private Connection connection;
    private PreparedStatement hive;
    private PreparedStatement floor;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        fixture = SqliteFixture.create();
        connection = fixture.connect();
        try (Statement statement = connection.createStatement()) {
            statement.executeUpdate("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < " + BACKLOG + ")"
                    + " INSERT INTO tasks (id, title, type, status, priority, required_capabilities, payload, attempts,"
                    + " max_attempts, lease_token, available_at, created_at, updated_at)"
                    + " SELECT printf('t%08d', i), 'task', 'task', 'queued', 0, '[]', '{}', 0, 3, 0, i, i, i FROM n");
        }
        hive = connection.prepareStatement(HIVE);
        floor = connection.prepareStatement(FLOOR);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        connection.close();
        fixture.close();
    }

    @Benchmark
    public String hiveClaimQuery() throws SQLException {
        hive.setLong(1, System.currentTimeMillis());
        hive.setString(2, "[]");
        hive.setInt(3, 1);
        return first(hive);
    }

    @Benchmark
    public String floorClaimQuery() throws SQLException {
        floor.setLong(1, System.currentTimeMillis());
        floor.setInt(2, 1);
        return first(floor);
    }

    private static String first(PreparedStatement query) throws SQLException {
        try (ResultSet row = query.executeQuery()) {
            if (!row.next()) {
                throw new IllegalStateException("the backlog is empty");
            }
            return row.getString(1);
        }
    }
}
