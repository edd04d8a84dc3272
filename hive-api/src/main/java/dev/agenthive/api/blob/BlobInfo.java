package dev.agenthive.api.blob;

import dev.agenthive.api.Checks;

import java.time.Instant;

/**
 * A blob as a listing shows it, for checks and garbage collection.
 *
 * @param id         its address
 * @param storedSize bytes the store holds for it
 * @param storedAt   when it was last stored (a put of the same content again renews it)
 */
public record BlobInfo(BlobId id, long storedSize, Instant storedAt) {
    public BlobInfo {
        Checks.notNull(id, "blob.id");
        Checks.notNull(storedAt, "blob.storedAt");
    }
}
