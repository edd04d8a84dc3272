package dev.agenthive.blob.file;

import dev.agenthive.api.blob.BlobId;
import dev.agenthive.api.blob.BlobStore;
import dev.agenthive.api.spi.BlobSettings;
import dev.agenthive.tck.blob.BlobStoreContract;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** The blob TCK against the file store (a cut-short file is FileBlobStoreTest's). */
class FileBlobStoreTckTest extends BlobStoreContract {
    @TempDir
    Path dir;

    private final AtomicInteger stores = new AtomicInteger();

    @Override
    protected BlobStore openStore(long maxBlobBytes) {
        return new FileBlobStoreProvider().open(new BlobSettings("file:" + dir.resolve("store" + stores.incrementAndGet()),
                maxBlobBytes, Map.of(), Clock.systemUTC()));
    }

    /** Flips one bit in the middle of the compressed file. */
    @Override
    protected void corrupt(BlobStore store, BlobId id) {
        BlobFiles.flipMiddleBit(((FileBlobStore) store).blobPath(id));
    }
}
