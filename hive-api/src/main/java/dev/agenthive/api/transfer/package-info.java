/**
 * Rows as they are, for tools that move a hive's data between stores: copy, backup and restore,
 * import. A store that offers {@link dev.agenthive.api.transfer.TableAccess} hands out every table
 * of its layout in a form every other store reads back (the {@link dev.agenthive.api.transfer.ColumnType}
 * of each column says which Java type carries a value), so that a copy keeps every row exactly,
 * lease tokens, attempts and times included, which the services would never let a caller set.
 */
package dev.agenthive.api.transfer;
