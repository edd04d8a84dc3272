package dev.agenthive.it.cache;

import dev.agenthive.cli.HiveCommand;
import dev.agenthive.it.process.JavaProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code hive --cache redis://... demo} in its own process while the Redis server is stopped in
 * the middle of the run and started again: the demo completes every task exactly once (its own
 * check against the store) and reports a hit ratio.
 */
class DemoWithRedisKilledTest {
    private static final int TASKS = 1500;
    private static final Pattern PROGRESS = Pattern.compile("completed (\\d+)/");

    @TempDir
    Path dir;

    @Test
    void theDemoCompletesEveryTaskExactlyOnceWhileRedisIsStoppedAndStartedAgain() throws Exception {
        RedisTestServer redis = RedisTestServer.startPrivate();
        Path log = dir.resolve("demo.log");
        Process demo = JavaProcess.start(HiveCommand.class, log, "--storage", "sqlite:" + dir.resolve("hive.db"),
                "--cache", redis.url(), "demo", "--agents", "8", "--tasks", Integer.toString(TASKS), "--seconds", "240");
        try {
            awaitCompleted(log, 100);
            redis.stop();
            awaitCompleted(log, 500);
            redis.start();
            assertThat(demo.waitFor(300, TimeUnit.SECONDS)).as("demo finished").isTrue();
            String output = Files.readString(log);
            assertThat(demo.exitValue()).as("exit code:%n%s", output).isZero();
            assertThat(output).contains(TASKS + "/" + TASKS + " tasks completed exactly once by 8 agents")
                    .containsPattern("cache  redis://127\\.0\\.0\\.1:\\d+/?\\d*  \\((up|degraded)\\)  hit ratio \\d+\\.\\d%");
        } finally {
            demo.destroyForcibly();
            redis.stop();
        }
    }

    /**
     * Waits until the store counts at least {@code tasks} completed tasks, read from the demo's own
     * progress output, so that Redis goes away while agents are busy.
     */
    private static void awaitCompleted(Path log, int tasks) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (System.nanoTime() < deadline) {
            if (Files.exists(log) && completed(Files.readString(log)) >= tasks) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the demo never reached " + tasks + " completed tasks; log:\n" + Files.readString(log));
    }

    /** The last count of the demo's progress lines ({@code completed N/M}), 0 before the first. */
    private static int completed(String output) {
        Matcher matcher = PROGRESS.matcher(output);
        int completed = 0;
        while (matcher.find()) {
            completed = Integer.parseInt(matcher.group(1));
        }
        return completed;
    }
}
