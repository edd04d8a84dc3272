package dev.agenthive.it.cli;

import dev.agenthive.cli.HiveCommand;
import dev.agenthive.it.postgres.PostgresTestServer;
import dev.agenthive.it.process.JavaProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Several {@code hive demo} processes (separate JVMs, started at the same moment) on one store, as
 * users run them: every demo completes all of its own tasks exactly once while they share the queue.
 */
class DemoProcessesTest {
    @TempDir
    Path dir;

    /** On a fresh SQLite file the processes also race to create the schema, then share the writer lock. */
    @Test
    void threeDemoProcessesOnOneSqliteFileAllSucceed() throws Exception {
        for (String output : runDemos("sqlite:" + dir.resolve("shared.db"), 3, 150)) {
            assertThat(output).doesNotContainIgnoringCase("SQLITE_BUSY").doesNotContainIgnoringCase("database is locked");
        }
    }

    /** {@code init} creates the schema in an empty database; {@code status} afterwards counts every task completed. */
    @Test
    void initThenFourDemoProcessesOnPostgresqlThenStatus() throws Exception {
        PostgresTestServer server = PostgresTestServer.get();
        String storage = server.emptyDatabase();
        try {
            CliRun init = CliRun.run("--storage", storage, "init");
            assertThat(init.exitCode()).as(init.toString()).isZero();
            assertThat(init.out()).contains("schema");

            runDemos(storage, 4, 100);

            CliRun status = CliRun.run("--storage", storage, "status");
            assertThat(status.exitCode()).as(status.toString()).isZero();
            assertThat(status.out()).containsPattern("completed\\s+400\\b");
        } finally {
            server.drop(storage);
        }
    }

    /** Runs the demos with 3 agents each, asserts each printed its OK line, and returns their outputs. */
    private List<String> runDemos(String storage, int processes, int tasks) throws Exception {
        List<Process> started = new ArrayList<>();
        List<Path> logs = new ArrayList<>();
        for (int p = 0; p < processes; p++) {
            Path log = dir.resolve("demo-" + p + ".log");
            logs.add(log);
            started.add(JavaProcess.start(HiveCommand.class, log, "--storage", storage,
                    "--blob", "file:" + dir.resolve("blobs"),
                    "demo", "--agents", "3", "--tasks", String.valueOf(tasks), "--seconds", "240"));
        }
        List<String> outputs = new ArrayList<>();
        for (int p = 0; p < processes; p++) {
            assertThat(started.get(p).waitFor(300, TimeUnit.SECONDS)).as("demo %d finished", p).isTrue();
            String output = Files.readString(logs.get(p));
            assertThat(started.get(p).exitValue()).as("exit code of demo %d:%n%s", p, output).isZero();
            assertThat(output).contains(tasks + "/" + tasks + " tasks completed exactly once by 3 agents");
            outputs.add(output);
        }
        return outputs;
    }
}
