package dev.agenthive.tck.blob;

import dev.agenthive.api.agent.AgentRegistration;
import dev.agenthive.api.blob.BlobId;
import dev.agenthive.api.blob.BlobInfo;
import dev.agenthive.api.blob.BlobReference;
import dev.agenthive.api.blob.BlobStore;
import dev.agenthive.api.error.BlobCorruptedException;
import dev.agenthive.api.error.NotFoundException;
import dev.agenthive.api.json.Json;
import dev.agenthive.api.message.Message;
import dev.agenthive.api.message.NewMessage;
import dev.agenthive.api.snapshot.MemorySnapshot;
import dev.agenthive.api.snapshot.NewSnapshot;
import dev.agenthive.api.snapshot.PrunePolicy;
import dev.agenthive.api.spi.LargeContent;
import dev.agenthive.api.store.HiveStore;
import dev.agenthive.api.task.ClaimRequest;
import dev.agenthive.api.task.NewTask;
import dev.agenthive.api.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The contract of a store that moves large content out of its rows (see {@link LargeContent}): memory
 * snapshot content, task payloads and results and message payloads above the inline limit live once
 * in the blob store under their SHA-256, reads return them unchanged,
 * the store reports every row that needs a blob, and deleting rows never deletes a blob. A storage
 * provider passes it by extending this class and opening a fresh, empty store over the given blob
 * store:
 *
 * <pre>{@code
 * class MyStoreLargeContentTest extends LargeContentContract {
 *     protected BlobStore openBlobStore() { ... an empty blob store ... }
 *     protected HiveStore openStore(LargeContent largeContent) {
 *         return new MyStorageProvider().open(new StorageSettings(url, true, Map.of(), Clock.systemUTC(), largeContent));
 *     }
 * }
 * }</pre>
 */
public abstract class LargeContentContract {
    /** The inline limit the tests open stores with: small, so that tests stay fast. */
    protected static final long INLINE_MAX_BYTES = 2_048;

    private BlobStore blobs;
    private HiveStore store;

    /** An empty blob store, closed after the test. */
    protected abstract BlobStore openBlobStore();

    /** A fresh, migrated, empty store that moves content as {@code largeContent} says; closed after the test. */
    protected abstract HiveStore openStore(LargeContent largeContent);

    @BeforeEach
    void open() {
        blobs = openBlobStore();
        store = openStore(LargeContent.toBlobStore(blobs, INLINE_MAX_BYTES));
        store.agents().register(AgentRegistration.of("ada", "coder", Set.of()));
        store.agents().register(AgentRegistration.of("bob", "coder", Set.of()));
    }

    @AfterEach
    void close() {
        if (store != null) {
            store.close();
        }
        if (blobs != null) {
            blobs.close();
        }
    }

    /** The store under test. */
    protected final HiveStore store() {
        return store;
    }

    /** The blob store the store under test moves content to. */
    protected final BlobStore blobs() {
        return blobs;
    }

    @Test
    void theStoreReportsItsBlobReferences() {
        assertThat(store.blobReferences()).as("blobReferences() of a store that moves content").isPresent();
        assertThat(references()).isEmpty();
    }

    @Test
    void contentUpToTheLimitStaysInTheRow() {
        Json atLimit = jsonOfSize(INLINE_MAX_BYTES);
        MemorySnapshot stored = store.snapshots().store("s1", NewSnapshot.of("ada", "working", 0.5, atLimit));
        assertThat(stored.compressedSize()).as("compressedSize of content kept in its row").isNull();
        assertThat(stored.sizeBytes()).isEqualTo(INLINE_MAX_BYTES);
        assertThat(listedBlobs()).isEmpty();
        assertThat(references()).isEmpty();
    }

    @Test
    void largerContentGoesToTheBlobStoreAndReadsBackUnchanged() {
        Json large = jsonOfSize(INLINE_MAX_BYTES + 1);
        String hash = sha256(large);
        MemorySnapshot stored = store.snapshots().store("s1", NewSnapshot.of("ada", "working", 0.5, large));

        assertThat(stored.contentHash()).isEqualTo(hash);
        assertThat(stored.content()).as("a blob's content comes back byte for byte").isEqualTo(large);
        assertThat(stored.sizeBytes()).isEqualTo(INLINE_MAX_BYTES + 1);
        BlobInfo blob = blobs.stat(new BlobId(hash)).orElseThrow(() -> new AssertionError("no blob " + hash));
        assertThat(stored.compressedSize()).as("compressedSize is the blob's stored size").isEqualTo(blob.storedSize());
        assertThat(store.snapshots().find("s1").orElseThrow().content()).isEqualTo(large);
        assertThat(store.snapshots().latest("ada", "working").orElseThrow().content()).isEqualTo(large);
        assertThat(references()).extracting(BlobReference::blob).containsExactly(new BlobId(hash));
        assertThat(references().get(0).holder()).isNotBlank();
    }

    @Test
    void identicalLargeContentIsStoredOnce() {
        Json large = jsonOfSize(50_000);
        store.snapshots().store("s1", NewSnapshot.of("ada", "working", 0.5, large));
        store.snapshots().store("s2", NewSnapshot.of("bob", "episodic", 0.9, large));
        assertThat(listedBlobs()).extracting(BlobInfo::id).containsExactly(new BlobId(sha256(large)));
        assertThat(store.snapshots().list("ada", null, 10)).extracting(MemorySnapshot::content).containsExactly(large);
        assertThat(store.snapshots().list("bob", null, 10)).extracting(MemorySnapshot::content).containsExactly(large);
    }

    @Test
    void deletingRowsNeverDeletesABlob() {
        Json large = jsonOfSize(10_000);
        BlobId id = new BlobId(sha256(large));
        store.snapshots().store("s1", NewSnapshot.of("ada", "working", 0.5, large));
        store.snapshots().store("s2", NewSnapshot.of("bob", "working", 0.5, large));

        assertThat(store.snapshots().delete("s1")).isTrue();
        assertThat(blobs.exists(id)).isTrue();
        assertThat(store.snapshots().find("s2").orElseThrow().content()).isEqualTo(large);
        assertThat(references()).extracting(BlobReference::blob).contains(id);

        assertThat(store.snapshots().prune("bob", PrunePolicy.keepMostImportant(0))).extracting(MemorySnapshot::content)
                .containsExactly(large);
        assertThat(blobs.exists(id)).as("removing the last row leaves the blob to gc").isTrue();
        assertThat(references()).isEmpty();
    }

    @Test
    void aReplacementWithLargeContentReadsBack() {
        store.snapshots().store("s1", NewSnapshot.of("ada", "working", 0.2, jsonOfSize(100)));
        store.snapshots().store("s2", NewSnapshot.of("ada", "working", 0.3, jsonOfSize(5_000)));
        Json merged = jsonOfSize(9_000);
        MemorySnapshot replacement = store.snapshots().replace("ada", List.of("s1", "s2"), "s3",
                NewSnapshot.of("ada", "working", 0.6, merged));
        assertThat(replacement.content()).isEqualTo(merged);
        assertThat(store.snapshots().list("ada", null, 10)).extracting(MemorySnapshot::id).containsExactly("s3");
        assertThat(references()).extracting(BlobReference::blob).containsExactly(new BlobId(sha256(merged)));
    }

    @Test
    void aFailedWriteLeavesNoReference() {
        Json large = jsonOfSize(8_000);
        assertThatThrownBy(() -> store.snapshots().store("s1", NewSnapshot.of("nobody", "working", 0.5, large)))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> store.inTransaction(tx -> {
            tx.snapshots().store("s2", NewSnapshot.of("ada", "working", 0.5, large));
            throw new IllegalStateException("the work fails after the write");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(store.snapshots().list("ada", null, 10)).isEmpty();
        assertThat(references()).as("a blob put for a row that never committed is gc's to remove").isEmpty();
    }

    @Test
    void aMissingBlobIsReportedAsCorruptionNamingIt() {
        Json large = jsonOfSize(4_000);
        String hash = sha256(large);
        store.snapshots().store("s1", NewSnapshot.of("ada", "working", 0.5, large));
        assertThat(blobs.delete(new BlobId(hash))).isTrue();
        assertThatThrownBy(() -> store.snapshots().find("s1"))
                .isInstanceOf(BlobCorruptedException.class)
                .hasMessageContaining(hash)
                .hasMessageContaining("s1");
    }

    @Test
    void aLargeTaskPayloadAndResultGoToTheBlobStoreAndReadBack() {
        Json payload = jsonOfSize(6_000);
        Json result = jsonOfSize(7_000);
        Task enqueued = store.tasks().enqueue("t1", NewTask.builder("large").payload(payload).build());
        assertThat(enqueued.payload()).isEqualTo(payload);
        store.tasks().enqueue("t2", NewTask.builder("small").payload(jsonOfSize(200)).build());

        List<Task> claimed = store.tasks().claim(new ClaimRequest("ada", Set.of(), Duration.ofHours(1), 2));
        assertThat(claimed).extracting(Task::id).containsExactlyInAnyOrder("t1", "t2");
        Task first = claimed.stream().filter(task -> task.id().equals("t1")).findFirst().orElseThrow();
        assertThat(first.payload()).as("the claim returns the payload from the blob store").isEqualTo(payload);

        Task completed = store.tasks().complete("t1", first.leaseToken(), result);
        assertThat(completed.result()).isEqualTo(result);
        assertThat(completed.payload()).isEqualTo(payload);
        Task found = store.tasks().find("t1").orElseThrow();
        assertThat(found.payload()).isEqualTo(payload);
        assertThat(found.result()).isEqualTo(result);
        // content kept in its row may come back re-formatted (PostgreSQL's jsonb): only its presence is checked
        assertThat(store.tasks().find("t2").orElseThrow().payload().text()).contains("\"pad\"");

        assertThat(references()).extracting(BlobReference::blob)
                .containsExactlyInAnyOrder(new BlobId(sha256(payload)), new BlobId(sha256(result)));
        assertThat(references()).extracting(BlobReference::holder).allSatisfy(holder -> assertThat(holder).contains("t1"));
    }

    @Test
    void aLargeMessagePayloadGoesToTheBlobStoreAndABroadcastSharesOneBlob() {
        Json direct = jsonOfSize(3_000);
        Message sent = store.messages().send("m1", NewMessage.direct("ada", "bob", "note", direct));
        assertThat(sent.payload()).isEqualTo(direct);
        assertThat(store.messages().inbox("bob", 10, Duration.ofMinutes(1))).extracting(Message::payload)
                .containsExactly(direct);
        assertThat(store.messages().find("m1").orElseThrow().payload()).isEqualTo(direct);

        store.agents().register(AgentRegistration.of("cy", "coder", Set.of()));
        Json announcement = jsonOfSize(12_000);
        List<Message> copies = store.messages().broadcast("b1", NewMessage.broadcast("ada", "news", announcement));
        assertThat(copies).hasSize(2).extracting(Message::payload).containsOnly(announcement);
        assertThat(store.messages().inbox("cy", 10, Duration.ofMinutes(1))).extracting(Message::payload)
                .containsExactly(announcement);

        assertThat(listedBlobs()).extracting(BlobInfo::id)
                .containsExactlyInAnyOrder(new BlobId(sha256(direct)), new BlobId(sha256(announcement)));
        assertThat(references()).extracting(BlobReference::blob).containsOnly(
                new BlobId(sha256(direct)), new BlobId(sha256(announcement))).hasSize(3);
    }

    /** Every reference the store reports. */
    protected final List<BlobReference> references() {
        List<BlobReference> all = new ArrayList<>();
        store.blobReferences().orElseThrow().forEach(all::add);
        return all;
    }

    private List<BlobInfo> listedBlobs() {
        List<BlobInfo> all = new ArrayList<>();
        blobs.forEach(all::add);
        return all;
    }

    /** A JSON object of exactly {@code size} UTF-8 bytes, {@code size} at least 100, with non-ASCII text. */
    protected static Json jsonOfSize(long size) {
        StringBuilder text = new StringBuilder("{\"note\":\"größe\",\"items\":[");
        int i = 0;
        while (utf8(text) + 40 < size) {
            text.append(i == 0 ? "" : ",").append("{\"n\":").append(i).append(",\"v\":\"x").append(i % 7).append("\"}");
            i++;
        }
        text.append("],\"pad\":\"");
        while (utf8(text) + 2 < size) {
            text.append('p');
        }
        text.append("\"}");
        Json json = Json.of(text.toString());
        assertThat(utf8(text)).as("size of the generated JSON").isEqualTo(size);
        return json;
    }

    private static long utf8(CharSequence text) {
        return text.toString().getBytes(StandardCharsets.UTF_8).length;
    }

    /** SHA-256 of the content's UTF-8 text, lower-case hex: the blob id of large content. */
    protected static String sha256(Json content) {
        return BlobId.of(content.text().getBytes(StandardCharsets.UTF_8)).sha256();
    }
}
