package dev.agenthive.api.blob;

import dev.agenthive.api.Checks;
import dev.agenthive.api.error.InvalidInputException;

/**
 * What a put returns and a row keeps: the blob's address, its size and what it takes in storage.
 *
 * @param id         the SHA-256 of the content
 * @param size       bytes of the content
 * @param storedSize bytes the store holds for it (after compression)
 */
public record BlobRef(BlobId id, long size, long storedSize) {
    public BlobRef {
        Checks.notNull(id, "blob.id");
        if (size < 0) {
            throw new InvalidInputException("blob.size", "must not be negative: " + size);
        }
        if (storedSize < 0) {
            throw new InvalidInputException("blob.storedSize", "must not be negative: " + storedSize);
        }
    }
}
