package dev.agenthive.cli.demo;

import java.util.Locale;

/**
 * The memory snapshots of a demo run.
 *
 * @param taken        snapshots the agents stored
 * @param contentBytes UTF-8 bytes of their content
 * @param inBlobStore  snapshots whose content the store moved to the blob store
 * @param blobBytes    bytes those contents take there (compressed)
 */
public record SnapshotTally(int taken, long contentBytes, long inBlobStore, long blobBytes) {

    /** One line for the report: {@code memory snapshots: 62 taken (9.3 MiB of JSON), 62 in the blob store (2.9 MiB)}. */
    String describe() {
        return String.format(Locale.ROOT,
                "memory snapshots: %d taken (%.1f MiB of JSON), %d in the blob store (%.1f MiB)",
                taken, mebibytes(contentBytes), inBlobStore, mebibytes(blobBytes));
    }

    private static double mebibytes(long bytes) {
        return bytes / (1024.0 * 1024.0);
    }
}
