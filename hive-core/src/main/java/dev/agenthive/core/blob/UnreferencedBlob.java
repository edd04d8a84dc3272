package dev.agenthive.core.blob;

import dev.agenthive.api.blob.BlobInfo;

import java.time.Duration;
import java.util.Objects;

/**
 * A stored blob no row needs: garbage once it is older than the grace period of {@code hive gc}, or
 * the content of a row that has not committed yet.
 *
 * @param blob the blob as the store lists it
 * @param age  how long ago it was last stored, as of the check
 */
public record UnreferencedBlob(BlobInfo blob, Duration age) {
    public UnreferencedBlob {
        Objects.requireNonNull(blob, "blob is null");
        Objects.requireNonNull(age, "age is null");
    }
}
