/**
 * An example storage plugin built only from the public API of the JDBC plugin kit
 * ({@code hive-store-jdbc}): StorageProvider {@code "h2"} for an embedded H2 2.x database, in memory
 * ({@code h2:mem:name}) or in a file ({@code h2:file:/path/name}). It is what a plugin is: a
 * {@link dev.agenthive.examples.h2.H2Dialect} (database id, error reading, mapper overlays in
 * {@code mapper/}), Flyway migrations in {@code db/migration/h2}, a provider registered in
 * {@code META-INF/services}, and a store on the kit's {@link dev.agenthive.store.jdbc.server.ServerDatabase}.
 */
package dev.agenthive.examples.h2;
