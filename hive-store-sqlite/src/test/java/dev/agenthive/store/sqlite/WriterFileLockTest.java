package dev.agenthive.store.sqlite;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The OS lock that passes the write turn between processes, against a real second process holding
 * it. The waits asserted here are outcomes (acquired, or gave up after the timeout), never durations.
 */
class WriterFileLockTest {
    @TempDir
    Path dir;

    private final List<Process> holders = new ArrayList<>();

    @AfterEach
    void stopHolders() throws InterruptedException {
        for (Process holder : holders) {
            holder.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void aWaitingWriterTakesTheLockWhenTheOtherProcessLetsGo() throws Exception {
        Path database = dir.resolve("hive.db");
        Process holder = holdLock(database);
        try (WriterFileLock lock = new WriterFileLock(database, Duration.ofMinutes(2))) {
            CompletableFuture<Boolean> acquired = CompletableFuture.supplyAsync(() -> {
                boolean got = lock.acquire();
                if (got) {
                    lock.release();
                }
                return got;
            });
            Thread.sleep(300);
            assertThat(acquired).as("blocked while the other process holds the lock").isNotDone();

            letGo(holder);

            assertThat(acquired.get(60, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void aWaitPastTheTimeoutLeavesTheTurnToSqliteAndTheNextTurnLocksAgain() throws Exception {
        Path database = dir.resolve("hive.db");
        Process holder = holdLock(database);
        try (WriterFileLock lock = new WriterFileLock(database, Duration.ofMillis(200))) {
            assertThat(lock.acquire()).as("gave up after the timeout").isFalse();
            assertThat(Thread.currentThread().isInterrupted()).as("the watchdog's wake-up is not left behind").isFalse();

            letGo(holder);

            assertThat(lock.acquire()).as("the channel the timeout closed is opened again").isTrue();
            lock.release();
        }
    }

    @Test
    void anInterruptedCallerLeavesTheTurnToSqliteAndKeepsItsInterrupt() throws Exception {
        Path database = dir.resolve("hive.db");
        holdLock(database);
        try (WriterFileLock lock = new WriterFileLock(database, Duration.ofMillis(200))) {
            Thread.currentThread().interrupt();
            try {
                assertThat(lock.acquire()).isFalse();
                assertThat(Thread.currentThread().isInterrupted()).isTrue();
            } finally {
                Thread.interrupted();
            }
        }
    }

    @Test
    void aSecondStoreOfThisJvmOnTheSameFileLeavesTheTurnToSqlite() {
        Path database = dir.resolve("hive.db");
        try (WriterFileLock first = new WriterFileLock(database, Duration.ofMinutes(1));
             WriterFileLock second = new WriterFileLock(database, Duration.ofMinutes(1))) {
            assertThat(first.acquire()).isTrue();
            assertThat(second.acquire()).as("the JVM refuses to block on its own lock").isFalse();
            first.release();
            assertThat(second.acquire()).isTrue();
            second.release();
        }
    }

    @Test
    void releaseWithoutTheLockDoesNothingAndAcquireTwiceIsABug() {
        try (WriterFileLock lock = new WriterFileLock(dir.resolve("hive.db"), Duration.ofMinutes(1))) {
            lock.release();
            assertThat(lock.acquire()).isTrue();
            assertThatIllegalStateException().isThrownBy(lock::acquire)
                    .withMessageContaining("already held");
            lock.release();
        }
    }

    /** Starts a process that holds the database's writer lock until {@link #letGo}. */
    private Process holdLock(Path database) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process holder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                LockHolderMain.class.getName(), database.resolveSibling(database.getFileName() + "-writer.lock").toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        holders.add(holder);
        String line = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8)).readLine();
        assertThat(line).as("the holder process took the lock").isEqualTo("locked");
        return holder;
    }

    private static void letGo(Process holder) throws IOException, InterruptedException {
        Writer input = new OutputStreamWriter(holder.getOutputStream(), StandardCharsets.UTF_8);
        input.write("release\n");
        input.flush();
        assertThat(holder.waitFor(60, TimeUnit.SECONDS)).isTrue();
    }
}
