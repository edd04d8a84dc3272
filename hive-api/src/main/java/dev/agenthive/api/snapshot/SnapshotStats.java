package dev.agenthive.api.snapshot;

/**
 * What the snapshot store holds.
 *
 * @param snapshots       number of snapshots
 * @param contents        number of distinct stored contents (equal contents are stored once)
 * @param snapshotBytes   content bytes summed over snapshots, as if nothing were shared
 * @param storedBytes     content bytes actually stored, each distinct content once
 */
public record SnapshotStats(long snapshots, long contents, long snapshotBytes, long storedBytes) {
}
