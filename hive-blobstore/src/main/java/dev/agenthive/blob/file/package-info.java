/**
 * BlobStoreProvider {@code "file"}: content-addressed blobs in a folder, zstd-compressed, written to
 * a temporary file and renamed into place so that no reader ever sees a partial blob.
 * {@link dev.agenthive.blob.file.FileBlobStoreProvider} is the only public type.
 */
package dev.agenthive.blob.file;
