/**
 * StorageProvider {@code "postgresql"}: the kit's server store ({@code hive-store-jdbc}: a HikariCP
 * pool, serializable writes retried on serialization failures and deadlocks) with PostgreSQL's own
 * parts: its dialect and mapper overlays (jsonb containment served by GIN indexes,
 * {@code FOR UPDATE SKIP LOCKED} queue claims), {@code timestamptz} instants, the server's clock, a
 * LISTEN/NOTIFY {@link dev.agenthive.api.notify.Notifier}, and a LISTEN/NOTIFY
 * {@link dev.agenthive.api.cache.ChangeFeed} on the notifier's connection.
 */
package dev.agenthive.store.postgres;
