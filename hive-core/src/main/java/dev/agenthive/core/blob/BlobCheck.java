package dev.agenthive.core.blob;

import dev.agenthive.api.blob.BlobId;
import dev.agenthive.api.blob.BlobInfo;
import dev.agenthive.api.blob.BlobReference;
import dev.agenthive.api.blob.BlobReferences;
import dev.agenthive.api.blob.BlobStore;
import dev.agenthive.api.error.BlobCorruptedException;
import dev.agenthive.api.error.NotFoundException;
import dev.agenthive.api.error.StorageUnavailableException;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The check behind {@code hive fsck}: every stored blob is read to its end through
 * {@link BlobStore#open}, which verifies the content against the id as it streams (no blob is held
 * in memory); then every reference the store's rows hold is matched against the stored blobs.
 *
 * <p>Blobs are listed before the references are read, and a reference whose blob is not in the
 * listing is looked up once more before it counts as missing: a writer that put its blob after the
 * listing and committed its row before the references were read is not reported. A blob listed as
 * unreferenced may be one whose row has not committed yet, which is why unreferenced blobs are
 * reported with their age and are not damage. Safe to run while other processes write: it only reads.
 */
public final class BlobCheck {
    private final BlobStore blobs;
    private final Optional<BlobReferences> references;
    private final Clock clock;

    /**
     * @param blobs      the blob store to check
     * @param references the blobs the store's rows need, or empty when the store cannot tell: then only
     *                   the blobs' integrity is checked
     * @param clock      gives the unreferenced blobs their age
     */
    public BlobCheck(BlobStore blobs, Optional<BlobReferences> references, Clock clock) {
        this.blobs = Objects.requireNonNull(blobs, "blobs is null");
        this.references = Objects.requireNonNull(references, "references is null");
        this.clock = Objects.requireNonNull(clock, "clock is null");
    }

    /**
     * Runs the check; problems are in the report, never thrown.
     *
     * @throws StorageUnavailableException the blob store or the store cannot be read
     */
    public BlobCheckReport run() {
        Instant now = clock.instant();
        Map<BlobId, BlobInfo> stored = new TreeMap<>(Comparator.comparing(BlobId::sha256));
        blobs.forEach(info -> stored.put(info.id(), info));

        Map<BlobId, String> corrupt = new LinkedHashMap<>();
        long checked = 0;
        long storedBytes = 0;
        for (BlobInfo info : List.copyOf(stored.values())) {
            try {
                verify(info.id()).ifPresent(reason -> corrupt.put(info.id(), reason));
                checked++;
                storedBytes += info.storedSize();
            } catch (NotFoundException e) {
                // collected since the listing: nothing left to check, and a row still needing it is missing
                stored.remove(info.id());
            }
        }
        if (references.isEmpty()) {
            return new BlobCheckReport(blobs.location(), checked, storedBytes, false, 0, List.of(),
                    corruptBlobs(corrupt, Map.of()), List.of());
        }

        ReferenceScan scan = new ReferenceScan(stored.keySet(), corrupt.keySet());
        references.get().forEach(scan);
        List<UnreferencedBlob> unreferenced = new ArrayList<>();
        for (BlobInfo info : stored.values()) {
            if (!scan.referenced.contains(info.id())) {
                Duration age = Duration.between(info.storedAt(), now);
                unreferenced.add(new UnreferencedBlob(info, age.isNegative() ? Duration.ZERO : age));
            }
        }
        return new BlobCheckReport(blobs.location(), checked, storedBytes, true, scan.count, scan.missing,
                corruptBlobs(corrupt, scan.corruptHolders), unreferenced);
    }

    /** Reads the blob to its end; the reason it is corrupt, or empty when its content matches its id. */
    private Optional<String> verify(BlobId id) {
        try (InputStream content = blobs.open(id)) {
            content.transferTo(OutputStream.nullOutputStream());
            return Optional.empty();
        } catch (BlobCorruptedException e) {
            return Optional.of(reason(e));
        } catch (IOException e) {
            throw new StorageUnavailableException("cannot read blob " + id + " in " + blobs.location() + ": " + e, e);
        }
    }

    /** The exception's reason without the "blob ... is corrupted: " its message starts with: the report names the blob. */
    private static String reason(BlobCorruptedException e) {
        String prefix = "blob " + e.blobId() + " is corrupted: ";
        String message = e.getMessage();
        return message.startsWith(prefix) ? message.substring(prefix.length()) : message;
    }

    private static List<CorruptBlob> corruptBlobs(Map<BlobId, String> corrupt, Map<BlobId, List<String>> holders) {
        List<CorruptBlob> found = new ArrayList<>(corrupt.size());
        corrupt.forEach((id, reason) -> found.add(new CorruptBlob(id, reason, holders.getOrDefault(id, List.of()))));
        return found;
    }

    /** Matches each reference against the listing as the store hands them over, holding none of them. */
    private final class ReferenceScan implements Consumer<BlobReference> {
        private final Set<BlobId> stored;
        private final Set<BlobId> corrupt;
        private final Set<BlobId> referenced = new HashSet<>();
        private final List<BlobReference> missing = new ArrayList<>();
        private final Map<BlobId, List<String>> corruptHolders = new LinkedHashMap<>();
        private long count;

        ReferenceScan(Set<BlobId> stored, Set<BlobId> corrupt) {
            this.stored = stored;
            this.corrupt = corrupt;
        }

        @Override
        public void accept(BlobReference reference) {
            count++;
            BlobId id = reference.blob();
            referenced.add(id);
            if (corrupt.contains(id)) {
                corruptHolders.computeIfAbsent(id, blob -> new ArrayList<>()).add(reference.holder());
            } else if (!stored.contains(id) && !blobs.exists(id)) {
                missing.add(reference);
            }
        }
    }
}
