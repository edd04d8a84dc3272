/**
 * Memory snapshots over SQL. Content is stored once per SHA-256 and reached only through
 * {@link dev.agenthive.store.jdbc.snapshot.SnapshotContents}, the one place that will change when
 * large content moves to the blob store.
 */
package dev.agenthive.store.jdbc.snapshot;
