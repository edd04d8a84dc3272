package dev.agenthive.store.jdbc.blob;

import dev.agenthive.api.blob.BlobId;
import dev.agenthive.api.blob.BlobInfo;

import java.time.Instant;

/** One row of {@code blobs} without its content, as a listing reads it. */
public record ListedBlob(String id, long storedSize, Instant storedAt) {

    /** The api's listing entry. */
    public BlobInfo toInfo() {
        return new BlobInfo(BlobId.parse(id), storedSize, storedAt);
    }
}
