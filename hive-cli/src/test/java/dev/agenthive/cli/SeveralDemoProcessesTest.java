package dev.agenthive.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Three {@code hive demo} processes, real separate JVMs started at the same moment on one fresh
 * SQLite file, all succeed: they race to create the schema and then share the writer lock.
 */
class SeveralDemoProcessesTest {
    private static final int PROCESSES = 3;

    @TempDir
    Path dir;

    @Test
    void threeDemoProcessesOnOneFileAllSucceed() throws Exception {
        String storage = "sqlite:" + dir.resolve("shared.db");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<Process> processes = new ArrayList<>();
        List<Path> logs = new ArrayList<>();
        for (int p = 0; p < PROCESSES; p++) {
            Path log = dir.resolve("demo-" + p + ".log");
            logs.add(log);
            processes.add(new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                    HiveCommand.class.getName(), "--storage", storage,
                    "demo", "--agents", "3", "--tasks", "150", "--seconds", "240")
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start());
        }
        for (int p = 0; p < PROCESSES; p++) {
            assertThat(processes.get(p).waitFor(300, TimeUnit.SECONDS)).as("demo %d finished", p).isTrue();
            String output = Files.readString(logs.get(p));
            assertThat(processes.get(p).exitValue()).as("exit code of demo %d:%n%s", p, output).isZero();
            assertThat(output).contains("150/150 tasks completed exactly once by 3 agents")
                    .doesNotContainIgnoringCase("SQLITE_BUSY")
                    .doesNotContainIgnoringCase("database is locked");
        }
    }
}
