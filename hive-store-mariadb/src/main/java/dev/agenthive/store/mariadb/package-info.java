/**
 * StorageProvider {@code "mariadb"} for MariaDB 10.11 and later: the kit's server store
 * ({@code hive-store-jdbc}) on InnoDB through MariaDB Connector/J, and the worked example of a plugin
 * built on the kit. Its own parts are the URL ({@link dev.agenthive.store.mariadb.MariaDbUrl}), the
 * dialect with its mapper overlays ({@link dev.agenthive.store.mariadb.MariaDbDialect}) and the Flyway
 * migrations under {@code db/migration/mariadb}.
 */
package dev.agenthive.store.mariadb;
