package dev.agenthive.it.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agenthive.api.transfer.TableAccess;
import dev.agenthive.api.transfer.TableSpec;
import dev.agenthive.cli.HiveCommand;
import dev.agenthive.core.Hive;
import dev.agenthive.core.OpenedStore;
import dev.agenthive.core.config.HiveConfig;
import dev.agenthive.core.transfer.BackupArchive;
import dev.agenthive.it.postgres.PostgresTestServer;
import dev.agenthive.it.process.JavaProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code hive backup} taken while four {@code hive demo} processes write to one SQLite file: the demos
 * are not held up (each completes every task), the archive verifies, restores into PostgreSQL with
 * every table proven equal to the archive, and holds one point in time of each demo: every task it
 * holds exists at the end with the same run, and every task it holds as completed is completed at the
 * end with the same result.
 */
class BackupDuringDemosTest {
    private static final int DEMOS = 4;
    private static final int TASKS = 200;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern RUN = Pattern.compile("\"run\":\\s*\"(\\w+)\"");

    @TempDir
    Path dir;

    @Test
    void aBackupTakenWhileFourDemosWriteRestoresIntoPostgresqlWithEveryTaskAccountedFor() throws Exception {
        String storage = "sqlite:" + dir.resolve("shared.db");
        String blobs = "file:" + dir.resolve("blobs");
        List<Process> demos = new ArrayList<>();
        List<Path> logs = new ArrayList<>();
        for (int d = 0; d < DEMOS; d++) {
            Path log = dir.resolve("demo-" + d + ".log");
            logs.add(log);
            demos.add(JavaProcess.start(HiveCommand.class, log, "--storage", storage, "--blob", blobs,
                    "demo", "--agents", "3", "--tasks", String.valueOf(TASKS), "--seconds", "240"));
        }
        HiveConfig config = HiveConfig.builder().isolated().storageUrl(storage).blobUrl(blobs).build();
        awaitTasks(config, DEMOS * TASKS / 2, demos);

        Path archive = dir.resolve("during.zip");
        CliRun backup = CliRun.run("--storage", storage, "--blob", blobs, "backup", "--to", archive.toString());
        assertThat(backup.exitCode()).as(backup.toString()).isZero();
        boolean demosStillRunning = demos.stream().anyMatch(Process::isAlive);

        for (int d = 0; d < DEMOS; d++) {
            assertThat(demos.get(d).waitFor(300, TimeUnit.SECONDS)).as("demo %d finished", d).isTrue();
            String output = Files.readString(logs.get(d));
            assertThat(demos.get(d).exitValue()).as("demo %d:%n%s", d, output).isZero();
            assertThat(output).contains(TASKS + "/" + TASKS + " tasks completed exactly once");
        }
        assertThat(demosStillRunning).as("the backup was taken while the demos wrote").isTrue();

        CliRun verify = CliRun.run("backup", "--verify", archive.toString());
        assertThat(verify.exitCode()).as(verify.toString()).isZero();
        assertThat(verify.out()).contains("sound: every table matches its count and checksum");

        Map<String, TaskState> atBackup = tasks(archive);
        Map<String, TaskState> atEnd = tasks(config);
        assertThat(atEnd).hasSize(DEMOS * TASKS);
        assertThat(atBackup).as("tasks in the backup").isNotEmpty().hasSizeLessThanOrEqualTo(DEMOS * TASKS);
        assertThat(atBackup.values().stream().filter(task -> task.status().equals("completed")).count())
                .as("the backup holds a moment before the end").isLessThan(DEMOS * TASKS);
        for (Map.Entry<String, TaskState> task : atBackup.entrySet()) {
            TaskState end = atEnd.get(task.getKey());
            assertThat(end).as("task %s of the backup exists at the end", task.getKey()).isNotNull();
            assertThat(end.run()).isEqualTo(task.getValue().run());
            if (task.getValue().status().equals("completed")) {
                assertThat(end).as("a task completed in the backup stays as it was").isEqualTo(task.getValue());
            }
        }

        PostgresTestServer server = PostgresTestServer.get();
        String postgres = server.emptyDatabase();
        try {
            CliRun restore = CliRun.run("restore", "--from", archive.toString(), "--to", postgres,
                    "--to-blob", "file:" + dir.resolve("pg-blobs"));
            assertThat(restore.exitCode()).as(restore.toString()).isZero();
            assertThat(restore.out()).contains("validated: all 16 tables have equal counts and checksums");
            HiveConfig restored = HiveConfig.builder().isolated().storageUrl(postgres)
                    .blobUrl("file:" + dir.resolve("pg-blobs")).build();
            Map<String, TaskState> restoredTasks = tasks(restored);
            assertThat(restoredTasks.keySet()).isEqualTo(atBackup.keySet());
            atBackup.forEach((id, task) -> assertThat(restoredTasks.get(id)).as("restored task %s", id).isEqualTo(task));
            CliRun fsck = CliRun.run("--storage", postgres, "--blob", "file:" + dir.resolve("pg-blobs"), "fsck");
            assertThat(fsck.exitCode()).as(fsck.toString()).isZero();
        } finally {
            server.drop(postgres);
        }
    }

    /** A task as the test compares it: its demo run, status and result (JSON by value: PostgreSQL respells it). */
    private record TaskState(String run, String status, JsonNode result) {
    }

    private static void awaitTasks(HiveConfig config, long wanted, List<Process> demos) throws InterruptedException {
        try (OpenedStore opened = Hive.openStore(config)) {
            TableAccess tables = opened.store().tableAccess().orElseThrow();
            TableSpec spec = tables.table("tasks").orElseThrow();
            while (tables.snapshot(snapshot -> snapshot.count(spec)) < wanted) {
                assertThat(demos).as("the demos are running").allMatch(Process::isAlive);
                Thread.sleep(50);
            }
        }
    }

    private static Map<String, TaskState> tasks(Path archive) {
        try (BackupArchive backup = BackupArchive.open(archive)) {
            TableSpec spec = backup.tables().stream().filter(table -> table.name().equals("tasks")).findFirst().orElseThrow();
            return backup.snapshot(snapshot -> collect(snapshot::scan, spec));
        }
    }

    private static Map<String, TaskState> tasks(HiveConfig config) {
        try (OpenedStore opened = Hive.openStore(config)) {
            TableAccess tables = opened.store().tableAccess().orElseThrow();
            TableSpec spec = tables.table("tasks").orElseThrow();
            return tables.snapshot(snapshot -> collect(snapshot::scan, spec));
        }
    }

    private interface Scan {
        void scan(TableSpec table, java.util.function.Consumer<List<Object>> rows);
    }

    private static JsonNode json(String text) {
        try {
            return text == null ? null : JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new AssertionError("a task result that is not JSON: " + text, e);
        }
    }

    private static Map<String, TaskState> collect(Scan scan, TableSpec spec) {
        Map<String, TaskState> tasks = new HashMap<>();
        scan.scan(spec, row -> {
            Matcher run = RUN.matcher((String) row.get(spec.index("payload")));
            tasks.put((String) row.get(spec.index("id")), new TaskState(run.find() ? run.group(1) : "?",
                    (String) row.get(spec.index("status")), json((String) row.get(spec.index("result")))));
        });
        return tasks;
    }
}
