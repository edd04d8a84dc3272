package dev.agenthive.cli.top;

import dev.agenthive.api.agent.AgentRegistration;
import dev.agenthive.api.agent.AgentStatus;
import dev.agenthive.api.event.NewEvent;
import dev.agenthive.api.event.Severity;
import dev.agenthive.api.json.Json;
import dev.agenthive.api.message.NewMessage;
import dev.agenthive.api.task.NewTask;
import dev.agenthive.api.task.Task;
import dev.agenthive.api.task.TaskStatus;
import dev.agenthive.cli.HiveCommand;
import dev.agenthive.core.Hive;
import dev.agenthive.core.config.HiveConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code hive top --plain} against a SQLite store whose content the test wrote. */
class TopPlainTest {
    @TempDir
    Path dir;

    @Test
    void printsOneFrameAnIterationWithTheStoresCounts() throws Exception {
        String storage = "sqlite:" + dir.resolve("hive.db");
        fill(storage);

        Run run = top("--storage", storage, "top", "--plain", "--iterations", "2", "--interval", "100ms");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).isEmpty();
        List<String> frames = frames(run.out());
        assertThat(frames).hasSize(2);
        for (String frame : frames) {
            assertThat(frame)
                    .startsWith("hive top   sqlite:" + dir.resolve("hive.db"))
                    .contains("every 100ms")
                    .containsPattern("agents\\s+active 2   idle 1   sleeping 0   crashed 0   terminated 1\n")
                    .containsPattern("tasks\\s+pending 0   queued 5   claimed 2   running 1   completed 2   failed 0"
                            + "   cancelled 0\\s+dead 0\n")
                    .containsPattern("inbox\\s+4 messages pending")
                    .containsPattern("coder-1\\s+2\\s+1\n")
                    .doesNotContainPattern("coder-2\\s+\\d")
                    .containsPattern("queue-depth\\s+1500\\s+1000\\s+\\d\\d:\\d\\d:\\d\\d")
                    .doesNotContain("dead-letters")
                    .containsPattern("\\d\\d:\\d\\d:\\d\\d\\s+tasks\\.claim\\s+312\\s+ok\\s+claim,insertEvent");
        }
        assertThat(frames.get(0)).contains("throughput  measuring");
        assertThat(frames.get(1)).contains("throughput  0.0 tasks/s");
    }

    /**
     * Maintenance configured to run every 50 ms with a heartbeat timeout the agents have long missed
     * would mark them crashed and requeue their tasks; a viewer must not, so the store is unchanged.
     */
    @Test
    void watchingChangesNothingEvenWhereMaintenanceWouldHave() throws Exception {
        String storage = "sqlite:" + dir.resolve("hive.db");
        fill(storage);
        List<Map<?, Long>> before = counts(storage);
        Path config = Files.writeString(dir.resolve("eager.properties"),
                "hive.maintenance.interval=50ms\nhive.agent.heartbeat-timeout=100ms\n");
        Thread.sleep(200);

        Run run = top("--storage", storage, "--config", config.toString(), "top", "--plain", "--iterations", "5",
                "--interval", "100ms");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(before.get(0).get(AgentStatus.ACTIVE)).isEqualTo(2L);
        assertThat(before.get(1).get(TaskStatus.CLAIMED)).isEqualTo(2L);
        assertThat(counts(storage)).isEqualTo(before);
    }

    /** Even though the configuration migrates by default, a viewer leaves the schema to {@code hive init}. */
    @Test
    void refusesAStoreWithoutTheSchemaRatherThanMigratingIt() {
        String storage = "sqlite:" + dir.resolve("empty.db");

        Run first = top("--storage", storage, "top", "--plain", "--iterations", "1");
        Run again = top("--storage", storage, "top", "--plain", "--iterations", "1");

        assertThat(first.exitCode()).isEqualTo(1);
        assertThat(first.err()).startsWith("hive top: the database schema is not migrated to this version");
        assertThat(again.exitCode()).as("nothing was migrated by the first run").isEqualTo(1);
        assertThat(first.out()).isEmpty();
    }

    @Test
    void refusesABadIntervalOrIterationCountNamingTheOption() {
        String storage = "sqlite:" + dir.resolve("hive.db");

        Run tooShort = top("--storage", storage, "top", "--interval", "10ms");
        Run malformed = top("--storage", storage, "top", "--interval", "soon");
        Run noFrames = top("--storage", storage, "top", "--iterations", "0");

        assertThat(tooShort.exitCode()).isEqualTo(2);
        assertThat(tooShort.err()).startsWith("hive top: --interval must be at least 100ms, was '10ms'");
        assertThat(malformed.exitCode()).isEqualTo(2);
        assertThat(malformed.err()).startsWith("hive top: ").contains("--interval");
        assertThat(noFrames.exitCode()).isEqualTo(2);
        assertThat(noFrames.err()).startsWith("hive top: --iterations must be at least 1, was 0");
    }

    /**
     * Agents coder-1 and coder-2 active, reviewer idle, retired terminated; ten tasks: coder-1 holds two
     * claimed and one running, coder-2 completed two, five queued; four messages pending for coder-2; an
     * alert raised, another raised then cleared, and one slow operation.
     */
    private static void fill(String storage) throws InterruptedException {
        try (Hive hive = Hive.open(HiveConfig.builder().isolated().storageUrl(storage).migrate(true)
                .maintenanceInterval(Duration.ZERO).build())) {
            for (String agent : List.of("coder-1", "coder-2", "reviewer", "retired")) {
                hive.agents().register(AgentRegistration.of(agent, "coder", Set.of()));
            }
            hive.agents().setStatus("reviewer", AgentStatus.IDLE);
            hive.agents().setStatus("retired", AgentStatus.TERMINATED);
            for (int i = 0; i < 10; i++) {
                hive.tasks().enqueue(NewTask.builder("task " + i).build());
            }
            List<Task> held = hive.tasks().claim("coder-1", 3, Duration.ZERO);
            hive.tasks().start(held.get(0).id(), held.get(0).leaseToken());
            for (Task task : hive.tasks().claim("coder-2", 2, Duration.ZERO)) {
                hive.tasks().complete(task.id(), task.leaseToken(), Json.of("{}"));
            }
            for (int i = 0; i < 4; i++) {
                hive.messages().send(NewMessage.direct("coder-1", "coder-2", "note", Json.of("{\"n\":" + i + "}")));
            }
            hive.events().record(NewEvent.of("alert.raised", Severity.WARNING, null,
                    Json.of("{\"alert\":\"queue-depth\",\"value\":1500,\"threshold\":1000}")));
            hive.events().record(NewEvent.of("alert.raised", Severity.WARNING, null,
                    Json.of("{\"alert\":\"dead-letters\",\"value\":12,\"threshold\":10}")));
            hive.events().record(NewEvent.of("alert.cleared", Severity.INFO, null,
                    Json.of("{\"alert\":\"dead-letters\",\"value\":2,\"threshold\":10}")));
            hive.events().record(NewEvent.of("operation.slow", Severity.WARNING, "coder-1",
                    Json.of("{\"operation\":\"tasks.claim\",\"millis\":312,\"outcome\":\"ok\","
                            + "\"statements\":[\"claim\",\"insertEvent\"]}")));
        }
    }

    /** Agents, tasks and events by status or severity, read without maintenance. */
    private static List<Map<?, Long>> counts(String storage) {
        try (Hive hive = Hive.open(HiveConfig.builder().isolated().storageUrl(storage)
                .maintenanceInterval(Duration.ZERO).build())) {
            return List.of(hive.agents().countByStatus(), hive.tasks().countByStatus(), hive.events().countBySeverity());
        }
    }

    /** The frames of plain output: each starts with the header line and ends with an empty line. */
    private static List<String> frames(String out) {
        return Arrays.stream(out.split("(?m)^(?=hive top )")).filter(frame -> !frame.isBlank()).toList();
    }

    private static Run top(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exitCode = HiveCommand.commandLine(new PrintWriter(out, true), new PrintWriter(err, true), Map.of())
                .execute(args);
        return new Run(exitCode, out.toString(), err.toString());
    }

    private record Run(int exitCode, String out, String err) {
    }
}
