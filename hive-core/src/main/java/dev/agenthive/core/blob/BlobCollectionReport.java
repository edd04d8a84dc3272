package dev.agenthive.core.blob;

import dev.agenthive.api.blob.BlobInfo;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What a {@link BlobCollector} removed, or in a dry run would have removed.
 *
 * @param location        the blob store collected, without credentials
 * @param cutoff          only blobs last stored before this instant were removed
 * @param dryRun          whether nothing was deleted
 * @param blobsScanned    blobs the store listed
 * @param referencedBlobs distinct blobs the store's rows need, all kept
 * @param removed         the unreferenced blobs removed (in a dry run: that would be), by id
 * @param removedBytes    bytes they took in the blob store
 * @param kept            unreferenced blobs kept: stored at or after the cutoff, or renewed by a put
 *                        (or removed by another collection) while this one ran
 */
public record BlobCollectionReport(
        String location,
        Instant cutoff,
        boolean dryRun,
        long blobsScanned,
        long referencedBlobs,
        List<BlobInfo> removed,
        long removedBytes,
        long kept) {

    public BlobCollectionReport {
        Objects.requireNonNull(location, "location is null");
        Objects.requireNonNull(cutoff, "cutoff is null");
        removed = List.copyOf(Objects.requireNonNull(removed, "removed is null"));
    }
}
