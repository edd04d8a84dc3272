/**
 * StorageProvider {@code "postgresql"}: the shared relational adapter of {@code hive-store-jdbc}
 * on PostgreSQL, with jsonb and GIN indexes, {@code FOR UPDATE SKIP LOCKED} queue claims,
 * serializable transactions on a HikariCP pool retried on serialization failures and deadlocks,
 * and a LISTEN/NOTIFY {@link dev.agenthive.api.notify.Notifier}.
 */
package dev.agenthive.store.postgres;
