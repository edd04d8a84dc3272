package dev.agenthive.blob.file;

import dev.agenthive.api.blob.BlobStore;
import dev.agenthive.api.spi.BlobSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Blobs are agents' memory: every folder the store creates is rwx------, every blob file rw-------. */
class FileBlobStorePermissionsTest {
    @TempDir
    Path dir;

    @Test
    void createdFoldersAndBlobFilesAreOwnerOnly() throws IOException {
        assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"), "POSIX permissions");
        Path root = dir.resolve("state").resolve("blobs");
        try (BlobStore store = new FileBlobStoreProvider().open(new BlobSettings("file:" + root, 1 << 20, Map.of(),
                Clock.systemUTC()))) {
            store.put("remember the plan".getBytes(StandardCharsets.UTF_8));
            store.put("and the other plan".getBytes(StandardCharsets.UTF_8));
        }

        List<Path> created;
        try (Stream<Path> tree = Files.walk(dir.resolve("state"))) {
            created = tree.toList();
        }
        assertThat(created).filteredOn(path -> path.toString().endsWith(FileBlobStore.SUFFIX)).hasSize(2);
        for (Path path : created) {
            String expected = Files.isDirectory(path) ? "rwx------" : "rw-------";
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(path))).as(path.toString())
                    .isEqualTo(expected);
        }
    }
}
