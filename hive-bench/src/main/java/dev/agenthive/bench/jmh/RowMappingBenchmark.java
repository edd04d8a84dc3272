package dev.agenthive.bench.jmh;

import dev.agenthive.api.json.Json;
import dev.agenthive.api.task.NewTask;
import dev.agenthive.api.task.Task;
import dev.agenthive.core.Hive;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Reading one task by id on SQLite: through Agent Hive's {@code tasks().find} (service, repository,
 * MyBatis mapping into the domain record, dependencies) against a plain {@code ResultSet} read of the
 * same 21 columns on a connection with the same pragmas.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class RowMappingBenchmark {
    private static final String SELECT = """
            SELECT id, title, description, type, status, priority, parent_id, assigned_agent,
                   required_capabilities, payload, result, error, attempts, max_attempts, lease_token,
                   lease_until, available_at, idempotency_key, created_at, updated_at, finished_at
            FROM tasks WHERE id = ?""";

    private SqliteFixture fixture;
    private Hive hive;
    private Connection connection;
    private PreparedStatement select;
    private String taskId;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        fixture = SqliteFixture.create();
        hive = fixture.openHive();
        taskId = hive.tasks().enqueue(NewTask.builder("read me")
                .description("a task with a payload")
                .payload(Json.of("{\"file\":\"src/Main.java\",\"line\":42}"))
                .build()).id();
        connection = fixture.connect();
        select = connection.prepareStatement(SELECT);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        connection.close();
        hive.close();
        fixture.close();
    }

    @Benchmark
    public Optional<Task> hiveFind() {
        return hive.tasks().find(taskId);
    }

    @Benchmark
    public void plainResultSet(Blackhole sink) throws SQLException {
        select.setString(1, taskId);
        try (ResultSet row = select.executeQuery()) {
            if (!row.next()) {
                throw new IllegalStateException("task " + taskId + " not found");
            }
            for (int column = 1; column <= 21; column++) {
                sink.consume(row.getObject(column));
            }
        }
    }
}
