/**
 * Blob store upkeep: the check behind {@code hive fsck} ({@link dev.agenthive.core.blob.BlobCheck}) and
 * the garbage collection behind {@code hive gc} ({@link dev.agenthive.core.blob.BlobCollector}), both
 * over the blob port and the store's {@link dev.agenthive.api.blob.BlobReferences}.
 */
package dev.agenthive.core.blob;
