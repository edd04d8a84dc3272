/**
 * Moving a hive's data: {@link dev.agenthive.core.transfer.TableCopy} copies every row of one store
 * (or of a backup archive) into another, {@link dev.agenthive.core.transfer.TableValidation} proves
 * the two hold the same rows by per-table counts and order-independent checksums of a canonical
 * form, and {@link dev.agenthive.core.transfer.BackupArchive} writes and reads a portable archive of
 * one point in time. All of it goes through {@link dev.agenthive.api.transfer.TableAccess}, so it
 * works between any two stores that offer it, whatever their kind.
 */
package dev.agenthive.core.transfer;
