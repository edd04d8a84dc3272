package dev.agenthive.it.observe;

import dev.agenthive.api.agent.AgentRegistration;
import dev.agenthive.api.event.Event;
import dev.agenthive.api.event.EventQuery;
import dev.agenthive.api.event.Severity;
import dev.agenthive.api.task.NewTask;
import dev.agenthive.core.Hive;
import dev.agenthive.core.alert.ActiveAlert;
import dev.agenthive.core.config.HiveConfig;
import dev.agenthive.core.observe.SlowOperations;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real slow call on SQLite: another connection holds the write lock ({@code BEGIN IMMEDIATE}) for
 * 600 ms, so a write waits for it. The call is logged once at WARN with its operation and the names
 * of its statements (never its values), counted once, and written as one {@code operation.slow} event
 * by the next maintenance round; the fast calls around it log nothing. An alert rule on the slow
 * operations of the last seconds is raised once by the round that writes the event and cleared once
 * when the window has passed it.
 */
class SlowOperationLogTest {
    private static final String SECRET_TITLE = "title-that-must-not-be-logged";
    private static final String LOGGER = SlowOperations.class.getName();
    private static final Duration ALERT_WINDOW = Duration.ofSeconds(2);

    @TempDir
    Path dir;

    @Test
    void aWriteWaitingForAnotherConnectionsLockIsLoggedCountedAndWrittenAsAnEventOnce() throws Exception {
        Path database = dir.resolve("hive.db");
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        HiveConfig config = HiveConfig.builder().isolated()
                .storageUrl("sqlite:" + database)
                .blobUrl("file:" + dir.resolve("blobs"))
                .maintenanceInterval(Duration.ZERO)
                .set(HiveConfig.SLOW_OPERATION, "250ms")
                .set("hive.alert.slow-calls.source", "query:operations.slow")
                .set("hive.alert.slow-calls.threshold", "0")
                .set("hive.alert.slow-calls.window", ALERT_WINDOW.toMillis() + "ms")
                .build();
        try (Hive hive = Hive.open(config, registry)) {
            fastCalls(hive, "warm-up");
            String logged = capturingStandardError(() -> {
                fastCalls(hive, "before");
                try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + database)) {
                    Thread holder = holdWriteLockFor(other, Duration.ofMillis(600));
                    hive.tasks().enqueue(NewTask.builder(SECRET_TITLE).build());
                    holder.join();
                }
                fastCalls(hive, "after");
            });

            List<String> lines = logged.lines().filter(line -> line.contains(LOGGER)).toList();
            assertThat(lines).as("slow-operation lines in:%n%s", logged).singleElement().satisfies(line -> assertThat(line)
                    .contains("WARN", "tasks.enqueue", "outcome success", "SqliteControlMapper.beginImmediate",
                            "TaskMapper.", "SqliteControlMapper.commit"));
            assertThat(logged).doesNotContain(SECRET_TITLE);
            assertThat(registry.find(SlowOperations.COUNTER).counters()).singleElement().satisfies(counter -> {
                assertThat(counter.getId().getTag("operation")).isEqualTo("tasks.enqueue");
                assertThat(counter.count()).isEqualTo(1);
            });

            hive.runMaintenance();
            hive.runMaintenance();

            List<Event> events = slowEvents(hive, SlowOperations.EVENT_TYPE);
            assertThat(events).as("one event, written once").singleElement().satisfies(event -> {
                assertThat(event.severity()).isEqualTo(Severity.WARNING);
                assertThat(event.details().text()).contains("\"operation\":\"tasks.enqueue\"", "\"outcome\":\"success\"",
                        "\"millis\":", "\"statements\":[", "SqliteControlMapper.beginImmediate", "\"endedAt\":")
                        .doesNotContain(SECRET_TITLE);
            });
            assertThat(slowEvents(hive, SlowOperations.OMITTED_EVENT_TYPE)).isEmpty();
            assertThat(alertEvents(hive, "alert.raised")).as("raised by the round that wrote the event, once").hasSize(1);
            assertThat(alertEvents(hive, "alert.cleared")).isEmpty();
            assertThat(hive.activeAlerts()).extracting(ActiveAlert::name).contains("slow-calls");

            Thread.sleep(ALERT_WINDOW.toMillis() + 500);
            hive.runMaintenance();
            hive.runMaintenance();

            assertThat(alertEvents(hive, "alert.raised")).hasSize(1);
            assertThat(alertEvents(hive, "alert.cleared")).as("cleared once the window passed the slow call").hasSize(1);
            assertThat(hive.activeAlerts()).extracting(ActiveAlert::name).doesNotContain("slow-calls");
        }
    }

    private static void fastCalls(Hive hive, String name) {
        hive.agents().register(AgentRegistration.of(name, "worker", Set.of()));
        hive.agents().find(name);
        hive.tasks().enqueue(NewTask.builder(name).build());
        hive.tasks().countByStatus();
    }

    /** Takes the write lock on {@code connection} now and gives it back after {@code hold}, from another thread. */
    private static Thread holdWriteLockFor(Connection connection, Duration hold) throws SQLException {
        Statement statement = connection.createStatement();
        statement.execute("BEGIN IMMEDIATE");
        Thread release = new Thread(() -> {
            try {
                Thread.sleep(hold.toMillis());
                statement.execute("ROLLBACK");
            } catch (InterruptedException | SQLException e) {
                throw new IllegalStateException(e);
            }
        }, "lock-holder");
        release.start();
        return release;
    }

    private static List<Event> alertEvents(Hive hive, String type) {
        return hive.events().query(new EventQuery(null, type, null, "alert:slow-calls", null, null, null, 100)).events();
    }

    private static List<Event> slowEvents(Hive hive, String type) {
        return hive.events().query(new EventQuery(null, type, null, null, null, null, null, null, 100)).events();
    }

    private interface Work {
        void run() throws Exception;
    }

    private static String capturingStandardError(Work work) throws Exception {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            work.run();
        } finally {
            System.setErr(original);
        }
        String text = captured.toString(StandardCharsets.UTF_8);
        original.print(text);
        return text;
    }
}
