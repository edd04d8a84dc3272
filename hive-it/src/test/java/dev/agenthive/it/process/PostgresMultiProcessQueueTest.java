package dev.agenthive.it.process;

import dev.agenthive.api.store.HiveStore;
import dev.agenthive.api.task.TaskQuery;
import dev.agenthive.api.task.TaskStatus;
import dev.agenthive.it.postgres.PostgresTestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Four separate OS processes open one empty PostgreSQL database at the same moment (racing to
 * migrate it), then enqueue and claim at once, each waking on the others' NOTIFY: none fails, no
 * task is lost, none is completed twice.
 */
class PostgresMultiProcessQueueTest {
    private static final int PROCESSES = 4;
    private static final int TASKS_PER_PROCESS = 2_500;

    @TempDir
    Path dir;

    private final PostgresTestServer server = PostgresTestServer.get();
    private String url;

    @AfterEach
    void drop() {
        if (url != null) {
            server.drop(url);
        }
    }

    @Test
    void fourProcessesShareOneQueueWithoutLossOrDuplicates() throws Exception {
        url = server.emptyDatabase();
        long total = (long) PROCESSES * TASKS_PER_PROCESS;
        List<Process> processes = new ArrayList<>();
        List<Path> outputs = new ArrayList<>();
        List<Path> logs = new ArrayList<>();
        for (int p = 0; p < PROCESSES; p++) {
            Path out = dir.resolve("out-" + p + ".txt");
            Path log = dir.resolve("log-" + p + ".txt");
            outputs.add(out);
            logs.add(log);
            processes.add(JavaProcess.start(QueueWorkerMain.class, log, url, "w" + p,
                    String.valueOf(TASKS_PER_PROCESS), String.valueOf(total), out.toString()));
        }
        for (int p = 0; p < PROCESSES; p++) {
            Process process = processes.get(p);
            assertThat(process.waitFor(240, TimeUnit.SECONDS)).as("process %d finished", p).isTrue();
            String log = Files.readString(logs.get(p));
            assertThat(process.exitValue()).as("exit code of process %d, log:%n%s", p, log).isZero();
        }

        Map<String, Integer> completions = new HashMap<>();
        for (Path out : outputs) {
            for (String line : Files.readAllLines(out)) {
                completions.merge(line.split(" ")[0], 1, Integer::sum);
            }
        }
        assertThat(completions).hasSize((int) total);
        assertThat(completions.values()).as("completions per task").containsOnly(1);
        try (HiveStore store = Stores.open(url)) {
            Map<TaskStatus, Long> counts = store.tasks().countByStatus();
            assertThat(counts.get(TaskStatus.COMPLETED)).isEqualTo(total);
            assertThat(counts.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(total);
            assertThat(store.tasks().list(TaskQuery.byStatus(TaskStatus.COMPLETED, (int) total)))
                    .hasSize((int) total).allSatisfy(task -> assertThat(task.attempts()).isEqualTo(1));
        }
    }
}
