package dev.agenthive.blob.file;

import dev.agenthive.api.blob.BlobInfo;
import dev.agenthive.api.blob.BlobStore;
import dev.agenthive.api.spi.BlobSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Real separate processes sharing one store folder: concurrent puts of one content, and a put killed mid-way. */
class FileBlobStoreProcessTest {
    @TempDir
    Path dir;

    @Test
    void threeProcessesPuttingTheSameContentAllSucceedWithOneFile() throws Exception {
        Path root = dir.resolve("store");
        List<Process> children = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            children.add(child(root, 8L << 20, 42));
        }
        List<String> ids = new ArrayList<>();
        for (Process child : children) {
            String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(child.waitFor(120, TimeUnit.SECONDS)).isTrue();
            assertThat(child.exitValue()).as("child output: %s", output).isZero();
            String[] lines = output.strip().split("\n");
            ids.add(lines[lines.length - 1].strip());
        }
        assertThat(ids).hasSize(3).containsOnly(ids.get(0));
        assertThat(blobFiles(root)).hasSize(1);
        try (BlobStore store = open(root)) {
            List<BlobInfo> listed = new ArrayList<>();
            store.forEach(listed::add);
            assertThat(listed).extracting(info -> info.id().sha256()).containsExactly(ids.get(0));
            assertThat(store.read(listed.get(0).id())).hasSize(8 << 20);
        }
    }

    @Test
    void aProcessKilledWhilePuttingLeavesNoBlob() throws Exception {
        Path root = dir.resolve("store");
        Process child = child(root, 200L << 20, 7);
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            assertThat(out.readLine()).isEqualTo("STREAMING");
            child.destroyForcibly();
            assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(child.exitValue()).as("the child was killed, not finished").isNotZero();
        assertThat(blobFiles(root)).isEmpty();
        try (Stream<Path> temps = Files.list(root.resolve("tmp"))) {
            assertThat(temps.count()).as("the kill landed in the middle of the put, leaving its temp file").isEqualTo(1);
        }
        try (BlobStore store = open(root)) {
            List<BlobInfo> listed = new ArrayList<>();
            store.forEach(listed::add);
            assertThat(listed).isEmpty();
            assertThat(store.put(new byte[] {1, 2, 3}).size()).isEqualTo(3);
        }
    }

    private static Process child(Path root, long bytes, long seed) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // a small heap proves that a put streams instead of holding the content
        return new ProcessBuilder(java, "-Xmx48m", "-cp", System.getProperty("java.class.path"),
                BlobPutMain.class.getName(), root.toString(), Long.toString(bytes), Long.toString(seed))
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
    }

    /** Every {@code .zst} file outside {@code tmp/}, whatever its name. */
    private static List<Path> blobFiles(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(p -> !p.startsWith(root.resolve("tmp")))
                    .filter(p -> p.getFileName().toString().endsWith(".zst")).toList();
        }
    }

    private static BlobStore open(Path root) {
        return new FileBlobStoreProvider().open(new BlobSettings("file:" + root, Long.MAX_VALUE, Map.of(),
                Clock.systemUTC()));
    }
}
