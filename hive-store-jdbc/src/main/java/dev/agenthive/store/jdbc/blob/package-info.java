/**
 * Blobs kept inside the store's own database ({@code hive.blob.url=store:}), for users who want one
 * file or one database server to back up: {@link dev.agenthive.store.jdbc.blob.JdbcBlobStore} over the
 * store's {@link dev.agenthive.store.jdbc.SqlExecutor}, one row of table {@code blobs} per blob.
 */
package dev.agenthive.store.jdbc.blob;
