package dev.agenthive.core.blob;

import dev.agenthive.api.Checks;
import dev.agenthive.api.blob.BlobId;
import dev.agenthive.api.blob.BlobInfo;
import dev.agenthive.api.blob.BlobReferences;
import dev.agenthive.api.blob.BlobStore;
import dev.agenthive.api.error.ErrorCode;
import dev.agenthive.api.error.HiveException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The garbage collection behind {@code hive gc}: removes the blobs no row needs that were last
 * stored longer ago than a grace period.
 *
 * <p>Safe while other processes write, for three reasons together:
 * <ul>
 *   <li>A writer puts a blob before the row that needs it commits, and a put of content already
 *       stored renews its {@link BlobInfo#storedAt()}. So a blob a row is about to need was stored at
 *       or after the start of that writer's put.</li>
 *   <li>The references are read into memory <em>first</em>, then the blobs are listed. A row committed
 *       before the reading started is among the references, so its blob is kept. A row that commits
 *       later had its blob put at most the put-to-commit time of one write before it; the grace period
 *       (one hour by default, far longer than any write) bounds that gap, so such a blob was stored
 *       after the cutoff and is kept as young.</li>
 *   <li>Each deletion goes through {@link BlobStore#deleteIfStoredBefore}, which is atomic with puts of
 *       the same content: a put that renews a blob between the listing and the deletion makes the
 *       deletion a no-op, and a put after it stores the content anew. A put that returned always
 *       leaves its blob stored.</li>
 * </ul>
 */
public final class BlobCollector {
    private final BlobStore blobs;
    private final Optional<BlobReferences> references;
    private final Clock clock;

    /**
     * @param blobs      the blob store to collect
     * @param references every blob the store's rows need, or empty when the store cannot tell: then every
     *                   collection is refused
     * @param clock      the cutoff is this clock's now minus the grace period
     */
    public BlobCollector(BlobStore blobs, Optional<BlobReferences> references, Clock clock) {
        this.blobs = Objects.requireNonNull(blobs, "blobs is null");
        this.references = Objects.requireNonNull(references, "references is null");
        this.clock = Objects.requireNonNull(clock, "clock is null");
    }

    /**
     * Removes every unreferenced blob last stored before now minus {@code grace}.
     *
     * @param grace  how long an unreferenced blob is kept; longer than any write takes from its put to
     *               its commit
     * @param dryRun report what would be removed, delete nothing
     * @throws dev.agenthive.api.error.InvalidInputException       {@code grace} is not positive
     * @throws HiveException                                        {@code UNSUPPORTED} when the store cannot list the
     *                                                              blobs its rows need, so none is known to be garbage
     * @throws dev.agenthive.api.error.StorageUnavailableException the blob store or the store cannot be read
     */
    public BlobCollectionReport collect(Duration grace, boolean dryRun) {
        Checks.positive(grace, "blob.grace");
        BlobReferences needed = references.orElseThrow(() -> new HiveException(ErrorCode.UNSUPPORTED,
                "blob garbage collection refused: the store cannot list the blobs its rows need, so no blob in "
                        + blobs.location() + " is known to be unneeded"));
        Instant cutoff = clock.instant().minus(grace);
        Set<BlobId> referenced = new HashSet<>();
        needed.forEach(reference -> referenced.add(reference.blob()));
        List<BlobInfo> listed = new ArrayList<>();
        blobs.forEach(listed::add);
        listed.sort(Comparator.comparing(info -> info.id().sha256()));

        List<BlobInfo> removed = new ArrayList<>();
        long removedBytes = 0;
        long kept = 0;
        for (BlobInfo info : listed) {
            if (referenced.contains(info.id())) {
                continue;
            }
            if (info.storedAt().isBefore(cutoff) && (dryRun || blobs.deleteIfStoredBefore(info.id(), cutoff))) {
                removed.add(info);
                removedBytes += info.storedSize();
            } else {
                kept++;
            }
        }
        return new BlobCollectionReport(blobs.location(), cutoff, dryRun, listed.size(), referenced.size(), removed,
                removedBytes, kept);
    }
}
