package dev.agenthive.it.cli;

import dev.agenthive.api.blob.BlobId;
import dev.agenthive.cli.HiveCommand;
import dev.agenthive.core.Hive;
import dev.agenthive.core.config.HiveConfig;
import dev.agenthive.it.process.JavaProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code hive fsck} and {@code hive gc} on what a real {@code hive demo} process leaves behind: a SQLite
 * file whose memory snapshots keep their content in the file blob store.
 */
class FsckAndGcTest {
    @TempDir
    Path dir;

    @Test
    void fsckFindsTheDemosBlobsIntactThenNamesADeletedAndAChangedOneAndGcRemovesOnlyTheOldOrphan() throws Exception {
        String storage = "sqlite:" + dir.resolve("hive.db");
        Path blobFolder = dir.resolve("blobs");
        String blobs = "file:" + blobFolder;
        runDemo(storage, blobs);

        List<Path> demoBlobs = blobFiles(blobFolder);
        assertThat(demoBlobs).as("the demo's snapshot blobs").hasSizeGreaterThanOrEqualTo(2);
        CliRun clean = CliRun.run("--storage", storage, "--blob", blobs, "fsck");
        assertThat(clean.exitCode()).as(clean.toString()).isZero();
        assertThat(clean.out()).contains("checked " + demoBlobs.size() + " blobs").contains(": 0 missing, 0 corrupt");

        Path deleted = demoBlobs.get(0);
        Path changed = demoBlobs.get(1);
        Files.delete(deleted);
        byte[] bytes = Files.readAllBytes(changed);
        bytes[bytes.length / 2] ^= 0x01;
        Files.write(changed, bytes);
        CliRun damaged = CliRun.run("--storage", storage, "--blob", blobs, "fsck");
        assertThat(damaged.exitCode()).as(damaged.toString()).isNotZero();
        assertThat(damaged.out()).containsPattern("missing\\s+" + id(deleted) + "\\s+needed by \\S")
                .containsPattern("corrupt\\s+" + id(changed) + "\\s");
        assertThat(damaged.err().strip()).isEqualTo("hive fsck: 1 missing and 1 corrupt blobs");

        BlobId orphan = putOrphan(storage, blobs);
        // every blob is past the grace period now: only the store's references keep the demo's
        for (Path file : blobFiles(blobFolder)) {
            Files.setLastModifiedTime(file, FileTime.from(Instant.now().minus(Duration.ofHours(2))));
        }
        List<Path> beforeGc = blobFiles(blobFolder);
        CliRun gc = CliRun.run("--storage", storage, "--blob", blobs, "gc");
        assertThat(gc.exitCode()).as(gc.toString()).isZero();
        assertThat(gc.out()).containsPattern("removed\\s+" + orphan.sha256() + "\\s")
                .contains("removed 1 unreferenced blobs");
        List<Path> afterGc = blobFiles(blobFolder);
        assertThat(beforeGc).hasSize(afterGc.size() + 1);
        assertThat(beforeGc.stream().filter(file -> !afterGc.contains(file)).map(FsckAndGcTest::id))
                .containsExactly(orphan.sha256());
    }

    private void runDemo(String storage, String blobs) throws IOException, InterruptedException {
        Path log = dir.resolve("demo.log");
        // two agents share 300 tasks: at least one fills its context window twice, and saves its memory each time
        Process demo = JavaProcess.start(HiveCommand.class, log, "--storage", storage, "--blob", blobs,
                "demo", "--agents", "2", "--tasks", "300", "--seconds", "240");
        assertThat(demo.waitFor(300, TimeUnit.SECONDS)).as("demo finished").isTrue();
        String output = Files.readString(log);
        assertThat(demo.exitValue()).as("exit code of the demo:%n%s", output).isZero();
        assertThat(output).containsPattern("memory snapshots: \\d+ taken");
    }

    /** A blob no row needs, put the way a writer that died before its row committed leaves one. */
    private BlobId putOrphan(String storage, String blobs) {
        HiveConfig config = HiveConfig.builder().isolated().storageUrl(storage).blobUrl(blobs)
                .maintenanceInterval(Duration.ZERO).build();
        try (Hive hive = Hive.open(config)) {
            return hive.blobs().orElseThrow().put("orphaned content".getBytes(StandardCharsets.UTF_8)).id();
        }
    }

    /** The blob files, {@code <folder>/<id[0..2]>/<id[2..4]>/<id>.zst}, sorted by id. */
    private static List<Path> blobFiles(Path folder) throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(file -> file.getFileName().toString().matches("[0-9a-f]{64}\\.zst")).sorted().toList();
        }
    }

    private static String id(Path blobFile) {
        return blobFile.getFileName().toString().substring(0, 64);
    }
}
