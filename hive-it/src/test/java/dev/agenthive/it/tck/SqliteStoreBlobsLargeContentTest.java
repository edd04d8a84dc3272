package dev.agenthive.it.tck;

import dev.agenthive.api.agent.AgentRegistration;
import dev.agenthive.api.blob.BlobId;
import dev.agenthive.api.blob.BlobReference;
import dev.agenthive.api.json.Json;
import dev.agenthive.api.snapshot.MemorySnapshot;
import dev.agenthive.api.snapshot.NewSnapshot;
import dev.agenthive.api.spi.LargeContent;
import dev.agenthive.api.store.HiveStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Large content with {@code hive.blob.url=store:} on SQLite: it goes to the store's own blobs, except
 * inside a transaction, where the blob's own write would wait for the writer the transaction holds.
 */
class SqliteStoreBlobsLargeContentTest {
    @TempDir
    Path dir;

    @Test
    void largeContentGoesToTheStoresBlobsAndStaysInItsRowInsideATransaction() {
        Json outside = Json.of("{\"notes\":\"" + "outside. ".repeat(500) + "\"}");
        Json inside = Json.of("{\"notes\":\"" + "inside. ".repeat(500) + "\"}");
        try (HiveStore store = SpiStores.open("sqlite:" + dir.resolve("hive.db"), LargeContent.toStoreBlobs(1_000))) {
            store.agents().register(AgentRegistration.of("ada", "coder", Set.of()));
            MemorySnapshot first = store.snapshots().store("s1", NewSnapshot.of("ada", "working", 0.5, outside));
            assertThat(store.blobStore().orElseThrow().exists(new BlobId(first.contentHash()))).isTrue();

            MemorySnapshot second = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> store.inTransaction(
                    tx -> tx.snapshots().store("s2", NewSnapshot.of("ada", "working", 0.5, inside))));
            assertThat(second.content()).isEqualTo(inside);
            assertThat(second.compressedSize()).as("kept in its row").isNull();
            assertThat(store.blobStore().orElseThrow().exists(new BlobId(second.contentHash()))).isFalse();

            List<BlobReference> references = new ArrayList<>();
            store.blobReferences().orElseThrow().forEach(references::add);
            assertThat(references).extracting(BlobReference::blob).containsExactly(new BlobId(first.contentHash()));
            assertThat(store.snapshots().find("s1").orElseThrow().content()).isEqualTo(outside);
        }
    }
}
