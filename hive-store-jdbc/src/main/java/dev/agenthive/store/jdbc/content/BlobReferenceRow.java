package dev.agenthive.store.jdbc.content;

/**
 * One row that needs a blob.
 *
 * @param blob        the blob's id, the SHA-256 of the content
 * @param holderTable the table of the row
 * @param holderKey   the row's key in it
 */
public record BlobReferenceRow(String blob, String holderTable, String holderKey) {
}
