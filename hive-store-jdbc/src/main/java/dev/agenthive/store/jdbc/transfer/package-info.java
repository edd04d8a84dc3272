/**
 * The kit's {@link dev.agenthive.api.transfer.TableAccess}: every table of the layout the kit's
 * migrations build, read and written as it is. Table and column names reach the SQL text only from
 * {@link dev.agenthive.store.jdbc.transfer.KitTables}, never from a caller; values are always
 * {@code #{}} parameters bound by the dialect's type handlers.
 */
package dev.agenthive.store.jdbc.transfer;
