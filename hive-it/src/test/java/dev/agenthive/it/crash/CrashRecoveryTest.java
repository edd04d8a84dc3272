package dev.agenthive.it.crash;

import dev.agenthive.api.event.EventQuery;
import dev.agenthive.api.store.HiveStore;
import dev.agenthive.api.task.TaskStatus;
import dev.agenthive.it.process.JavaProcess;
import dev.agenthive.it.process.Stores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A child process writing through the SQLite store is killed with SIGKILL at random moments, many
 * times over, on the same file. After every kill: each write the child was told was committed is
 * there, no transaction is half visible, and SQLite's integrity check passes.
 */
class CrashRecoveryTest {
    private static final int KILLS = 12;

    @TempDir
    Path dir;

    @Test
    void acknowledgedWritesSurviveSigkillAndNoTransactionIsHalfVisible() throws Exception {
        Path db = dir.resolve("crash.db");
        String url = "sqlite:" + db;
        Random random = new Random(42);
        Set<Long> acknowledged = new HashSet<>();
        for (int round = 0; round < KILLS; round++) {
            Path ackFile = dir.resolve("ack-" + round + ".txt");
            Path log = dir.resolve("child-" + round + ".log");
            Process child = JavaProcess.start(CrashWriterMain.class, log, url, ackFile.toString(),
                    String.valueOf(round * 10_000_000L));
            awaitReady(child, log);
            Thread.sleep(50 + random.nextInt(600));
            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            if (Files.exists(ackFile)) {
                for (String line : Files.readAllLines(ackFile)) {
                    if (!line.isBlank()) {
                        acknowledged.add(Long.parseLong(line.trim()));
                    }
                }
            }
            verify(url, db, acknowledged, log);
        }
        assertThat(acknowledged).as("the children acknowledged writes before being killed").isNotEmpty();
    }

    private static void awaitReady(Process child, Path log) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (Files.exists(log) && Files.readString(log).contains("READY")) {
                return;
            }
            assertThat(child.isAlive()).as("child died before READY: %s", Files.exists(log) ? Files.readString(log) : "")
                    .isTrue();
            Thread.sleep(20);
        }
        throw new AssertionError("child not ready in time: " + Files.readString(log));
    }

    private static void verify(String url, Path db, Set<Long> acknowledged, Path log) throws Exception {
        try (HiveStore store = Stores.open(url)) {
            for (long n : acknowledged) {
                assertThat(store.sharedMemory().get(CrashWriterMain.NAMESPACE, "a-" + n))
                        .as("acknowledged memory write %d (child log %s)", n, log).isPresent();
                assertThat(store.tasks().find("t-" + n)).as("acknowledged task %d", n).isPresent();
            }
            long tasks = store.tasks().countByStatus().get(TaskStatus.QUEUED);
            long entries = countAll(store);
            long events = countEvents(store);
            assertThat(entries).as("memory entries vs tasks: a transaction was half visible").isEqualTo(tasks);
            assertThat(events).as("events vs tasks: a transaction was half visible").isEqualTo(tasks);
        }
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + db);
             Statement statement = connection.createStatement()) {
            try (ResultSet rs = statement.executeQuery("PRAGMA integrity_check")) {
                List<String> rows = new java.util.ArrayList<>();
                while (rs.next()) {
                    rows.add(rs.getString(1));
                }
                assertThat(rows).containsExactly("ok");
            }
            try (ResultSet rs = statement.executeQuery("PRAGMA foreign_key_check")) {
                assertThat(rs.next()).as("foreign key violations").isFalse();
            }
        }
    }

    private static long countAll(HiveStore store) {
        long count = 0;
        String after = null;
        while (true) {
            var page = store.sharedMemory().list(CrashWriterMain.NAMESPACE, "a-", after, 10_000);
            count += page.size();
            if (page.size() < 10_000) {
                return count;
            }
            after = page.get(page.size() - 1).key();
        }
    }

    private static long countEvents(HiveStore store) {
        long count = 0;
        EventQuery query = new EventQuery(null, "crash.write", null, null, null, null, null, 10_000);
        while (true) {
            var page = store.events().query(query);
            count += page.events().size();
            if (page.nextCursor() == null) {
                return count;
            }
            query = query.withAfter(page.nextCursor());
        }
    }
}
