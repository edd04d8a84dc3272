package dev.agenthive.it.blob;

import dev.agenthive.api.agent.AgentRegistration;
import dev.agenthive.api.blob.BlobId;
import dev.agenthive.api.blob.BlobRef;
import dev.agenthive.api.blob.BlobStore;
import dev.agenthive.api.error.ErrorCode;
import dev.agenthive.api.error.HiveException;
import dev.agenthive.api.json.Json;
import dev.agenthive.api.snapshot.MemorySnapshot;
import dev.agenthive.api.snapshot.NewSnapshot;
import dev.agenthive.core.Hive;
import dev.agenthive.core.config.HiveConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The blob store a hive opens from {@code hive.blob.url}, found by ServiceLoader like the store, or
 * the store's own ({@code store:}).
 */
class HiveBlobStoreTest {
    @TempDir
    Path dir;

    @Test
    void aHiveOpensTheBlobStoreOfItsUrlAndTwoHivesOnOneFolderShareIt() {
        String blobs = "file:" + dir.resolve("blobs");
        byte[] content = "{\"memory\":\"a large snapshot\"}".repeat(10_000).getBytes(StandardCharsets.UTF_8);
        try (Hive first = open(blobs); Hive second = open(blobs)) {
            BlobStore store = first.blobs().orElseThrow();
            BlobRef ref = store.put(content);

            assertThat(second.blobs().orElseThrow().read(ref.id())).isEqualTo(content);
            assertThat(ref.storedSize()).as("compressed").isLessThan(ref.size() / 5);
            assertThat(store.location()).contains(dir.resolve("blobs").toString());
        }
        assertThat(Files.isDirectory(dir.resolve("blobs"))).isTrue();
    }

    @Test
    void withBlobUrlStoreTheBlobsLiveInTheSqliteFileAndTwoHivesOnItShareThem() {
        byte[] content = "{\"memory\":\"kept in the database\"}".repeat(10_000).getBytes(StandardCharsets.UTF_8);
        BlobRef ref;
        try (Hive first = open(HiveConfig.STORE_BLOBS); Hive second = open(HiveConfig.STORE_BLOBS)) {
            BlobStore store = first.blobs().orElseThrow();
            assertThat(store.location()).isEqualTo("store:" + first.location());
            ref = store.put(content);

            BlobStore other = second.blobs().orElseThrow();
            assertThat(other.read(ref.id())).isEqualTo(content);
            assertThat(other.put(content)).as("the same content, stored once").isEqualTo(ref);
            assertThat(ref.storedSize()).as("compressed").isLessThan(ref.size() / 5);
            List<BlobId> listed = new ArrayList<>();
            other.forEach(info -> listed.add(info.id()));
            assertThat(listed).containsExactly(ref.id());
        }
        try (Hive reopened = open(HiveConfig.STORE_BLOBS)) {
            assertThat(reopened.blobs().orElseThrow().read(ref.id())).isEqualTo(content);
        }
    }

    @Test
    void withBlobUrlStoreLargeContentGoesToTheStoresOwnBlobs() {
        Json large = Json.of("{\"notes\":\"" + "kept in the database. ".repeat(5_000) + "\"}");
        try (Hive hive = open(HiveConfig.STORE_BLOBS)) {
            hive.agents().register(AgentRegistration.of("ada", "coder", Set.of()));
            MemorySnapshot stored = hive.memory().store(NewSnapshot.of("ada", "working", 0.5, large));
            BlobId id = new BlobId(stored.contentHash());
            assertThat(hive.blobs().orElseThrow().exists(id)).as("the snapshot's blob is in the store").isTrue();
            assertThat(hive.memory().get(stored.id()).content()).isEqualTo(stored.content());
            assertThat(stored.compressedSize()).isEqualTo(hive.blobs().orElseThrow().stat(id).orElseThrow().storedSize());
        }
    }

    @Test
    void aBlobUrlNoProviderAcceptsFailsTheOpenNamingTheProvidersFound() {
        assertThatThrownBy(() -> open("s3://bucket/blobs").close())
                .isInstanceOfSatisfying(HiveException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFIGURATION))
                .hasMessageContaining("hive.blob.url")
                .hasMessageContaining("file (");
    }

    @Test
    void unsetTheBlobFolderOfASqliteFileIsBesideItSoTwoFilesInOneFolderNeverShareBlobs() {
        Json large = Json.of("{\"notes\":\"" + "remember this. ".repeat(6_000) + "\"}");
        for (String name : List.of("a.db", "b.db")) {
            try (Hive hive = Hive.open(HiveConfig.builder().isolated()
                    .storageUrl("sqlite:" + dir.resolve(name))
                    .maintenanceInterval(Duration.ZERO)
                    .build())) {
                assertThat(hive.blobs().orElseThrow().location()).contains(dir.resolve(name + "-blobs").toString());
                hive.agents().register(AgentRegistration.of("ada", "coder", Set.of()));
                MemorySnapshot stored = hive.memory().store(NewSnapshot.of("ada", "working", 0.5, large));
                assertThat(hive.blobs().orElseThrow().exists(new BlobId(stored.contentHash())))
                        .as("the large snapshot went to the blob store").isTrue();
            }
        }
        assertThat(Files.isDirectory(dir.resolve("a.db-blobs"))).isTrue();
        assertThat(Files.isDirectory(dir.resolve("b.db-blobs"))).isTrue();
    }

    private Hive open(String blobUrl) {
        return Hive.open(HiveConfig.builder().isolated()
                .storageUrl("sqlite:" + dir.resolve("hive.db"))
                .blobUrl(blobUrl)
                .maintenanceInterval(Duration.ZERO)
                .build());
    }
}
