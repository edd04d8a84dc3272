package dev.agenthive.it.process;

import dev.agenthive.api.store.HiveStore;
import dev.agenthive.api.task.TaskStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Four separate OS processes open one fresh SQLite file at the same moment (racing to migrate it),
 * then enqueue and claim at once: none fails, no task is lost, none is completed twice.
 */
class MultiProcessQueueTest {
    private static final int PROCESSES = 4;
    private static final int TASKS_PER_PROCESS = 500;

    @TempDir
    Path dir;

    @Test
    void fourProcessesShareOneQueueWithoutLossOrDuplicates() throws Exception {
        Path db = dir.resolve("shared.db");
        String url = "sqlite:" + db;
        long total = (long) PROCESSES * TASKS_PER_PROCESS;
        QueueWorkers workers = QueueWorkers.start(PROCESSES, url, TASKS_PER_PROCESS, total, dir);
        for (String log : workers.awaitSuccess()) {
            assertThat(log).doesNotContainIgnoringCase("SQLITE_BUSY").doesNotContainIgnoringCase("database is locked");
        }

        Map<String, Integer> completions = workers.completions();
        assertThat(completions).hasSize((int) total);
        assertThat(completions.values()).as("completions per task").containsOnly(1);
        try (HiveStore store = Stores.open(url)) {
            Map<TaskStatus, Long> counts = store.tasks().countByStatus();
            assertThat(counts.get(TaskStatus.COMPLETED)).isEqualTo(total);
            assertThat(counts.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(total);
            for (String id : completions.keySet()) {
                assertThat(store.tasks().find(id)).get().extracting(t -> t.attempts()).isEqualTo(1);
            }
        }
    }
}
