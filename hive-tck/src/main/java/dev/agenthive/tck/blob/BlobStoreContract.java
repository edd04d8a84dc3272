package dev.agenthive.tck.blob;

import dev.agenthive.api.blob.BlobId;
import dev.agenthive.api.blob.BlobInfo;
import dev.agenthive.api.blob.BlobRef;
import dev.agenthive.api.blob.BlobStore;
import dev.agenthive.api.health.ComponentHealth;
import dev.agenthive.api.health.HealthStatus;
import dev.agenthive.api.error.BlobCorruptedException;
import dev.agenthive.api.error.InvalidInputException;
import dev.agenthive.api.error.NotFoundException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The contract of a {@link BlobStore}. A blob store provider passes it by extending this class once
 * and opening an empty store in {@link #openStore(long)}:
 *
 * <pre>{@code
 * class MyBlobStoreTckTest extends BlobStoreContract {
 *     @TempDir Path dir;
 *
 *     @Override
 *     protected BlobStore openStore(long maxBlobBytes) {
 *         return new MyBlobStoreProvider().open(new BlobSettings("my:" + dir.resolve(UUID.randomUUID().toString()),
 *                 maxBlobBytes, Map.of(), Clock.systemUTC()));
 *     }
 *
 *     @Override
 *     protected void corrupt(BlobStore store, BlobId id) { ... change one stored byte ... }
 * }
 * }</pre>
 *
 * <p>Faults that only the adapter knows how to cause (a stored byte changed on disk) come in through
 * hooks; an adapter that cannot provide one leaves the default, which skips the test that needs it.
 */
public abstract class BlobStoreContract {

    /** The limit of the stores most tests open: larger than any content they put. */
    protected static final long ROOMY = 64L << 20;

    private final List<BlobStore> opened = new ArrayList<>();

    /**
     * Opens a fresh, empty store. Called by each test that needs one (once or more); every store
     * opened is closed after the test.
     *
     * @param maxBlobBytes the limit to pass as {@link dev.agenthive.api.spi.BlobSettings#maxBlobBytes()}
     */
    protected abstract BlobStore openStore(long maxBlobBytes);

    /**
     * Damages the stored form of blob {@code id} in {@code store} so that its content no longer
     * matches the id (a byte changed, the data cut short). The default skips the tests that need it.
     */
    protected void corrupt(BlobStore store, BlobId id) {
        assumeTrue(false, "this adapter cannot corrupt a stored blob");
    }

    @AfterEach
    void closeStores() {
        opened.forEach(BlobStore::close);
    }

    private BlobStore store() {
        return store(ROOMY);
    }

    private BlobStore store(long maxBlobBytes) {
        BlobStore store = openStore(maxBlobBytes);
        opened.add(store);
        return store;
    }

    @Test
    void anOpenStoreReportsItselfUpAtItsLocation() {
        BlobStore store = store();
        store.put("content".getBytes(StandardCharsets.UTF_8));

        ComponentHealth health = store.health();

        assertThat(health.status()).as(health.toString()).isEqualTo(HealthStatus.UP);
        assertThat(health.location()).isEqualTo(store.location());
        assertThat(health.lastError()).isNull();
    }

    @Test
    void anEmptyBlobRoundTrips() {
        assertRoundTrip(store(), new byte[0]);
    }

    @Test
    void aSmallBlobRoundTrips() {
        assertRoundTrip(store(), "hello, hive".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aMebibyteOfRandomBytesRoundTrips() {
        assertRoundTrip(store(), random(1 << 20, 1));
    }

    @Test
    void fiveMebibytesOfJsonLikeTextRoundTrip() {
        assertRoundTrip(store(), jsonLike(5 << 20));
    }

    @Test
    void theSameContentTwiceIsOneBlob() {
        BlobStore store = store();
        byte[] content = random(10_000, 2);
        BlobRef first = store.put(content);
        BlobRef second = store.put(content);
        assertThat(second).isEqualTo(first);
        assertThat(listed(store)).extracting(BlobInfo::id).containsExactly(first.id());
    }

    @Test
    void putNeverClosesTheStream() {
        BlobStore store = store();
        byte[] content = random(100_000, 3);
        CloseTracking stream = new CloseTracking(new ByteArrayInputStream(content));
        BlobRef ref = store.put(stream);
        assertThat(stream.closed).as("the stream was closed by put").isFalse();
        assertThat(ref.id()).isEqualTo(sha256(content));
    }

    @Test
    void openStreamsWhatReadReturns() throws IOException {
        BlobStore store = store();
        byte[] content = jsonLike(300_000);
        BlobRef ref = store.put(content);
        byte[] streamed;
        try (InputStream in = store.open(ref.id())) {
            streamed = in.readAllBytes();
        }
        assertThat(streamed).isEqualTo(store.read(ref.id())).isEqualTo(content);
    }

    @Test
    void existsStatAndDeleteFollowTheBlob() {
        BlobStore store = store();
        byte[] content = random(5_000, 4);
        BlobId id = sha256(content);
        assertThat(store.exists(id)).isFalse();
        assertThat(store.stat(id)).isEmpty();
        assertThat(store.delete(id)).isFalse();

        BlobRef ref = store.put(content);
        assertThat(store.exists(id)).isTrue();
        BlobInfo info = store.stat(id).orElseThrow();
        assertThat(info.id()).isEqualTo(id);
        assertThat(info.storedSize()).isEqualTo(ref.storedSize());

        assertThat(store.delete(id)).isTrue();
        assertThat(store.delete(id)).isFalse();
        assertThat(store.exists(id)).isFalse();
        assertThat(store.stat(id)).isEmpty();
        assertThatThrownBy(() -> store.read(id)).isInstanceOf(NotFoundException.class).hasMessageContaining(id.sha256());
        assertThatThrownBy(() -> store.open(id)).isInstanceOf(NotFoundException.class);
    }

    @Test
    void forEachListsExactlyWhatIsStored() {
        BlobStore store = store();
        assertThat(listed(store)).isEmpty();
        List<BlobId> ids = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            ids.add(store.put(random(100 + i, 100 + i)).id());
        }
        store.delete(ids.remove(7));
        store.delete(ids.remove(0));
        assertThat(listed(store)).extracting(BlobInfo::id).containsExactlyInAnyOrderElementsOf(ids);
    }

    @Test
    void contentOverTheLimitIsRefusedAndNothingIsStored() {
        int limit = 50_000;
        BlobStore store = store(limit);
        byte[] tooLarge = random(limit + 1, 5);
        assertThatThrownBy(() -> store.put(tooLarge))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("hive.blob.max-bytes");
        assertThat(store.exists(sha256(tooLarge))).isFalse();
        assertThat(listed(store)).isEmpty();

        byte[] atTheLimit = random(limit, 6);
        assertThat(store.put(atTheLimit).size()).isEqualTo(limit);
    }

    @Test
    void aStreamThatFailsHalfWayStoresNothing() {
        BlobStore store = store();
        byte[] content = random(2 << 20, 7);
        InputStream failing = new FailingAfter(new ByteArrayInputStream(content), content.length / 2);
        assertThatThrownBy(() -> store.put(failing)).isInstanceOf(RuntimeException.class);
        assertThat(store.exists(sha256(content))).isFalse();
        assertThat(listed(store)).isEmpty();

        assertRoundTrip(store, content);
    }

    @Test
    void concurrentPutsOfOneContentAllSucceed() throws Exception {
        BlobStore store = store();
        byte[] content = random(2 << 20, 8);
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<BlobRef>> results = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                results.add(pool.submit(() -> {
                    start.await();
                    return store.put(content);
                }));
            }
            start.countDown();
            for (Future<BlobRef> result : results) {
                BlobRef ref = result.get(60, TimeUnit.SECONDS);
                assertThat(ref.id()).isEqualTo(sha256(content));
                assertThat(ref.size()).isEqualTo(content.length);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(listed(store)).extracting(BlobInfo::id).containsExactly(sha256(content));
        assertThat(store.read(sha256(content))).isEqualTo(content);
    }

    @Test
    void deleteIfStoredBeforeRemovesOnlyBlobsStoredBeforeTheCutoff() throws InterruptedException {
        BlobStore store = store();
        byte[] content = random(20_000, 9);
        BlobId id = store.put(content).id();
        Instant storedAt = store.stat(id).orElseThrow().storedAt();

        assertThat(store.deleteIfStoredBefore(id, storedAt)).as("stored at the cutoff, not before it").isFalse();
        assertThat(store.read(id)).isEqualTo(content);

        Instant cutoff = afterNow();
        assertThat(store.deleteIfStoredBefore(id, cutoff)).isTrue();
        assertThat(store.exists(id)).isFalse();
        assertThat(store.deleteIfStoredBefore(id, cutoff)).as("nothing left to delete").isFalse();

        store.put(content);
        Instant renewedCutoff = afterNow();
        store.put(content);
        assertThat(store.deleteIfStoredBefore(id, renewedCutoff)).as("a second put renews the blob").isFalse();
        assertThat(store.read(id)).isEqualTo(content);
    }

    @Test
    void aPutRacingWithDeleteIfStoredBeforeAlwaysLeavesItsBlob() throws Exception {
        BlobStore store = store();
        int rounds = 40;
        List<byte[]> contents = new ArrayList<>();
        for (int i = 0; i < rounds; i++) {
            contents.add(random(4_000 + i, 200 + i));
            store.put(contents.get(i));
        }
        // every blob is now older than the cutoff; only a put made during the round renews one
        Instant cutoff = afterNow();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (byte[] content : contents) {
                BlobId id = sha256(content);
                CountDownLatch start = new CountDownLatch(1);
                Future<BlobRef> put = pool.submit(() -> {
                    start.await();
                    return store.put(content);
                });
                Future<Integer> deletes = pool.submit(() -> {
                    start.await();
                    int deleted = 0;
                    for (int i = 0; i < 50 && !put.isDone(); i++) {
                        deleted += store.deleteIfStoredBefore(id, cutoff) ? 1 : 0;
                    }
                    return deleted;
                });
                start.countDown();
                put.get(30, TimeUnit.SECONDS);
                int deleted = deletes.get(30, TimeUnit.SECONDS);
                assertThat(deleted).as("the old blob is deleted at most once").isLessThanOrEqualTo(1);
                assertThat(store.deleteIfStoredBefore(id, cutoff)).as("the put renewed " + id).isFalse();
                assertThat(store.read(id)).as("the blob of a put that returned").isEqualTo(content);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** An instant after every put made so far, and then some time passes, so later puts are after it. */
    private static Instant afterNow() throws InterruptedException {
        Thread.sleep(15);
        Instant cutoff = Instant.now();
        Thread.sleep(15);
        return cutoff;
    }

    @Test
    void aCorruptedBlobIsNeverReturned() {
        BlobStore store = store();
        byte[] content = jsonLike(200_000);
        BlobId id = store.put(content).id();
        corrupt(store, id);
        assertThatThrownBy(() -> store.read(id))
                .isInstanceOf(BlobCorruptedException.class)
                .hasMessageContaining(id.sha256())
                .satisfies(e -> assertThat(((BlobCorruptedException) e).blobId()).isEqualTo(id.sha256()));
        assertThatThrownBy(() -> {
            try (InputStream in = store.open(id)) {
                in.readAllBytes();
            }
        }).isInstanceOf(BlobCorruptedException.class).hasMessageContaining(id.sha256());
    }

    @Test
    void locationCarriesNoCredentials() {
        String location = store().location();
        assertThat(location).isNotBlank();
        assertThat(location).doesNotContainPattern("//[^/@]*:[^/@]*@").doesNotContainIgnoringCase("password");
    }

    @Test
    void closeIsIdempotent() {
        BlobStore store = openStore(ROOMY);
        store.close();
        store.close();
    }

    private static void assertRoundTrip(BlobStore store, byte[] content) {
        BlobRef ref = store.put(content);
        assertThat(ref.id()).isEqualTo(sha256(content));
        assertThat(ref.size()).isEqualTo(content.length);
        assertThat(ref.storedSize()).isNotNegative();
        assertThat(store.read(ref.id())).isEqualTo(content);
    }

    /** Every blob the store lists. */
    protected static List<BlobInfo> listed(BlobStore store) {
        List<BlobInfo> all = new ArrayList<>();
        store.forEach(all::add);
        return all;
    }

    /** The id a content must get. */
    protected static BlobId sha256(byte[] content) {
        return BlobId.of(content);
    }

    /** Incompressible bytes, the same for the same seed. */
    protected static byte[] random(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    /** Text shaped like the JSON the hive stores (repeated keys, varying values), of exactly {@code size} bytes. */
    protected static byte[] jsonLike(int size) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(size + 200);
        Random random = new Random(size);
        out.writeBytes("[".getBytes(StandardCharsets.UTF_8));
        for (int i = 0; out.size() < size; i++) {
            String entry = "{\"id\":\"task-" + i + "\",\"agent\":\"agent-" + random.nextInt(16)
                    + "\",\"state\":\"RUNNING\",\"priority\":" + random.nextInt(10)
                    + ",\"payload\":{\"files\":[\"src/main/java/Foo" + random.nextInt(100) + ".java\"]}},\n";
            out.writeBytes(entry.getBytes(StandardCharsets.UTF_8));
        }
        byte[] bytes = new byte[size];
        System.arraycopy(out.toByteArray(), 0, bytes, 0, size);
        return bytes;
    }

    private static final class CloseTracking extends java.io.FilterInputStream {
        private boolean closed;

        CloseTracking(InputStream in) {
            super(in);
        }

        @Override
        public void close() throws IOException {
            closed = true;
            super.close();
        }
    }

    /** A stream whose source breaks after {@code limit} bytes, as a dropped connection would. */
    private static final class FailingAfter extends java.io.FilterInputStream {
        private long left;

        FailingAfter(InputStream in, long limit) {
            super(in);
            this.left = limit;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (left <= 0) {
                throw new IOException("the source broke off");
            }
            int n = super.read(b, off, (int) Math.min(len, left));
            if (n > 0) {
                left -= n;
            }
            return n;
        }
    }
}
