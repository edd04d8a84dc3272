package dev.agenthive.api.blob;

import dev.agenthive.api.Checks;

/**
 * One stored row that needs a blob, as a store reports it to {@code hive fsck} and {@code hive gc}.
 *
 * @param blob   the blob the row needs
 * @param holder names the row for a person reading a report, e.g. {@code memory_snapshot_contents 3fa9...}
 *               or {@code tasks 01J... payload}
 */
public record BlobReference(BlobId blob, String holder) {
    public BlobReference {
        Checks.notNull(blob, "blobReference.blob");
        Checks.notBlank(holder, "blobReference.holder");
    }
}
