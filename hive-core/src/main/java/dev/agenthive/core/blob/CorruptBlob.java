package dev.agenthive.core.blob;

import dev.agenthive.api.blob.BlobId;

import java.util.List;
import java.util.Objects;

/**
 * A stored blob whose content does not match its id.
 *
 * @param id      the blob
 * @param reason  what the blob store found wrong (changed bytes, cut short, cannot be decoded)
 * @param holders the rows that need it, as {@link dev.agenthive.api.blob.BlobReference#holder()} names
 *                them; empty when no row does or the store cannot tell
 */
public record CorruptBlob(BlobId id, String reason, List<String> holders) {
    public CorruptBlob {
        Objects.requireNonNull(id, "id is null");
        Objects.requireNonNull(reason, "reason is null");
        holders = List.copyOf(Objects.requireNonNull(holders, "holders is null"));
    }
}
