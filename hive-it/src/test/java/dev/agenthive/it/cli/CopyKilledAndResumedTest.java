package dev.agenthive.it.cli;

import dev.agenthive.api.transfer.TableAccess;
import dev.agenthive.api.transfer.TableSpec;
import dev.agenthive.cli.HiveCommand;
import dev.agenthive.core.Hive;
import dev.agenthive.core.OpenedStore;
import dev.agenthive.core.config.HiveConfig;
import dev.agenthive.it.postgres.PostgresTestServer;
import dev.agenthive.it.process.JavaProcess;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code hive copy} processes killed with SIGKILL at a random point (a random share of the rows
 * written, found by watching the target fill), then finished with {@code --resume}: every table proven
 * equal, so no row is missing and none doubled. On PostgreSQL and on a SQLite target, whose writer
 * dies mid-transaction, twice in a row.
 */
class CopyKilledAndResumedTest {
    private static final String VALIDATED = "validated: all 16 tables have equal counts and checksums";

    @TempDir
    static Path shared;
    static String source;
    static String sourceBlobs;

    @TempDir
    Path dir;

    private final Random random = new Random(Long.getLong("hive.test.seed", System.nanoTime()));

    @BeforeAll
    static void fillTheSourceWithADemo() {
        source = "sqlite:" + shared.resolve("demo.db");
        sourceBlobs = "file:" + shared.resolve("demo-blobs");
        CliRun demo = CliRun.run("--storage", source, "--blob", sourceBlobs, "demo", "--agents", "4", "--tasks", "400");
        assertThat(demo.exitCode()).as(demo.toString()).isZero();
    }

    @Test
    void copiesToPostgresqlKilledTwiceAtRandomPointsEachResumeToAnEqualTarget() throws Exception {
        PostgresTestServer server = PostgresTestServer.get();
        for (int run = 0; run < 2; run++) {
            String target = server.emptyDatabase();
            try {
                killAndResume(target, "file:" + dir.resolve("blobs-" + run));
            } finally {
                server.drop(target);
            }
        }
    }

    @Test
    void copiesToSqliteKilledTwiceInARowResumeToAnEqualTarget() throws Exception {
        String target = "sqlite:" + dir.resolve("target.db");
        String blobs = "file:" + dir.resolve("target-blobs");
        kill(target, blobs);
        killAndResume(target, blobs);
    }

    /** Kills a copy at a random point, then resumes it and checks the proof. */
    private void killAndResume(String target, String blobs) throws Exception {
        kill(target, blobs);
        CliRun resumed = CliRun.run("copy", "--resume", "--batch-size", "25", "--from", source, "--from-blob",
                sourceBlobs, "--to", target, "--to-blob", blobs, "--reject-file", dir.resolve("rejects.jsonl").toString());
        assertThat(resumed.exitCode()).as("resume after a kill:%n%s", resumed).isZero();
        assertThat(resumed.out()).contains(VALIDATED).contains("blobs: ");
        assertThat(resumed.out()).as("rows the killed copy wrote are kept").containsPattern("\\s\\d+\\s+\\d+\\s+[1-9]\\d*\\s+0\\n")
                .as("rows it had not written are copied now").containsPattern("\\s\\d+\\s+[1-9]\\d*\\s+\\d+\\s+0\\n");
        assertThat(dir.resolve("rejects.jsonl")).doesNotExist();
    }

    /**
     * Starts a copy in its own JVM, waits until the target holds a random share of the source's rows
     * (at most four fifths, so that the kill lands before the end), and kills it with SIGKILL.
     */
    private void kill(String target, String blobs) throws Exception {
        Path log = Files.createTempFile(dir, "copy-", ".log");
        Process copy = JavaProcess.start(HiveCommand.class, log, "copy", "--resume", "--batch-size", "25", "--from",
                source, "--from-blob", sourceBlobs, "--to", target, "--to-blob", blobs);
        HiveConfig targetConfig = HiveConfig.builder().isolated().storageUrl(target).blobUrl(blobs).build();
        long total = rows(sourceConfig());
        long killAt = 1 + (long) (random.nextDouble() * total * 0.8);
        try (OpenedStore watched = Hive.openStore(targetConfig)) {
            long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            while (copy.isAlive() && System.nanoTime() < deadline && rows(watched) < killAt) {
                Thread.sleep(5);
            }
        } finally {
            copy.destroyForcibly();
            assertThat(copy.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        String output = Files.readString(log);
        assertThat(output).as("the copy was still running when killed").doesNotContain("validated");
        long left = rows(targetConfig);
        assertThat(left).as("rows in the target when the copy died (killed at >= %d of %d):%n%s", killAt, total, output)
                .isGreaterThan(0).isLessThan(total);
    }

    private HiveConfig sourceConfig() {
        return HiveConfig.builder().isolated().storageUrl(source).blobUrl(sourceBlobs).build();
    }

    private static long rows(HiveConfig config) {
        try (OpenedStore opened = Hive.openStore(config)) {
            return rows(opened);
        }
    }

    /** Rows over all tables. */
    private static long rows(OpenedStore opened) {
        TableAccess tables = opened.store().tableAccess().orElseThrow();
        return tables.snapshot(snapshot -> {
            long rows = 0;
            for (TableSpec table : tables.tables()) {
                rows += snapshot.count(table);
            }
            return rows;
        });
    }
}
