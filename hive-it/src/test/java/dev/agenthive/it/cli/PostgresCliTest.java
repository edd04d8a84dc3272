package dev.agenthive.it.cli;

import dev.agenthive.cli.HiveCommand;
import dev.agenthive.it.postgres.PostgresTestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code hive} command on PostgreSQL, as a user runs it: {@code init} creates the schema in an
 * empty database, four {@code hive demo} processes (separate JVMs, started at once) each complete
 * all of their tasks exactly once while sharing the queue, and {@code status} then counts every task
 * of the four runs as completed.
 */
class PostgresCliTest {
    private static final int PROCESSES = 4;
    private static final int TASKS = 100;

    @TempDir
    Path dir;

    private final PostgresTestServer server = PostgresTestServer.get();
    private final String storage = server.emptyDatabase();

    @AfterEach
    void dropDatabase() {
        server.drop(storage);
    }

    @Test
    void initThenFourDemoProcessesAtOnceThenStatus() throws Exception {
        Run init = run("--storage", storage, "init");
        assertThat(init.exitCode).as(init.toString()).isZero();
        assertThat(init.out).contains("schema");

        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<Process> processes = new ArrayList<>();
        List<Path> logs = new ArrayList<>();
        for (int p = 0; p < PROCESSES; p++) {
            Path log = dir.resolve("demo-" + p + ".log");
            logs.add(log);
            processes.add(new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                    HiveCommand.class.getName(), "--storage", storage,
                    "demo", "--agents", "3", "--tasks", String.valueOf(TASKS), "--seconds", "240")
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start());
        }
        for (int p = 0; p < PROCESSES; p++) {
            assertThat(processes.get(p).waitFor(300, TimeUnit.SECONDS)).as("demo %d finished", p).isTrue();
            String output = Files.readString(logs.get(p));
            assertThat(processes.get(p).exitValue()).as("exit code of demo %d:%n%s", p, output).isZero();
            assertThat(output).contains(TASKS + "/" + TASKS + " tasks completed exactly once by 3 agents");
        }

        Run status = run("--storage", storage, "status");
        assertThat(status.exitCode).as(status.toString()).isZero();
        assertThat(status.out).containsPattern("completed\\s+" + PROCESSES * TASKS + "\\b");
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exitCode = HiveCommand.commandLine(new PrintWriter(out, true), new PrintWriter(err, true), Map.of())
                .execute(args);
        return new Run(exitCode, out.toString(), err.toString());
    }

    private record Run(int exitCode, String out, String err) {
    }
}
