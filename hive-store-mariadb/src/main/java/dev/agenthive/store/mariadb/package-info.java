/**
 * StorageProvider {@code "mariadb"} for MariaDB 10.11 and later and MySQL 8: the relational adapter
 * of {@code hive-store-jdbc} on InnoDB, reached through MariaDB Connector/J. So far it holds the
 * storage URL ({@link dev.agenthive.store.mariadb.MariaDbUrl}) and the Flyway migrations under
 * {@code db/migration/mariadb}.
 */
package dev.agenthive.store.mariadb;
