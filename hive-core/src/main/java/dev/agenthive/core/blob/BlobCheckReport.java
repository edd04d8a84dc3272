package dev.agenthive.core.blob;

import dev.agenthive.api.blob.BlobReference;

import java.util.List;
import java.util.Objects;

/**
 * What a {@link BlobCheck} found.
 *
 * @param location          the blob store checked, without credentials
 * @param blobsChecked      blobs read to their end and checked against their id
 * @param storedBytesChecked bytes those blobs take in the blob store
 * @param referencesKnown   whether the store could list the blobs its rows need; without that only
 *                          the blobs' integrity was checked and the two lists below are empty
 * @param referencesChecked references the store's rows hold (one per row and blob)
 * @param missing           each reference whose blob is not stored, by blob id and holder
 * @param corrupt           each blob whose content does not match its id, by id
 * @param unreferenced      each blob no reference names, by id; garbage rather than damage
 */
public record BlobCheckReport(
        String location,
        long blobsChecked,
        long storedBytesChecked,
        boolean referencesKnown,
        long referencesChecked,
        List<BlobReference> missing,
        List<CorruptBlob> corrupt,
        List<UnreferencedBlob> unreferenced) {

    public BlobCheckReport {
        Objects.requireNonNull(location, "location is null");
        missing = List.copyOf(Objects.requireNonNull(missing, "missing is null"));
        corrupt = List.copyOf(Objects.requireNonNull(corrupt, "corrupt is null"));
        unreferenced = List.copyOf(Objects.requireNonNull(unreferenced, "unreferenced is null"));
    }

    /**
     * Whether data is damaged: a row needs a blob that is missing, or a blob is corrupt. Unreferenced
     * blobs are not damage (a deleted row leaves one behind until {@code hive gc}, and a put precedes
     * its row's commit), so like git's dangling objects they are listed without failing the check.
     */
    public boolean damaged() {
        return !missing.isEmpty() || !corrupt.isEmpty();
    }
}
