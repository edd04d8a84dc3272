package dev.agenthive.store.jdbc.blob;

/**
 * The content of one row of {@code blobs}, as read for {@link JdbcBlobStore#open}.
 *
 * @param content the deflated content
 * @param size    bytes of the content once inflated
 */
public record StoredBlob(byte[] content, long size) {
}
