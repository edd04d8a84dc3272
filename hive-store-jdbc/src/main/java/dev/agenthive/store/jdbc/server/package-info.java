/**
 * The base of a store on a database server (PostgreSQL, MariaDB, ...): a
 * {@link dev.agenthive.store.jdbc.server.ServerStorageProvider} that parses the URL and the
 * {@code hive.<name>.*} keys ({@link dev.agenthive.store.jdbc.server.ServerStoreConfig}) before
 * anything connects, a {@link dev.agenthive.store.jdbc.server.ServerDatabase} that opens the HikariCP
 * pool, migrates and builds the MyBatis sessions, the
 * {@link dev.agenthive.store.jdbc.server.PooledSqlExecutor} that runs each unit of work in its own
 * transaction and retries contention, and a {@link dev.agenthive.store.jdbc.server.ServerHiveStore}
 * with health and close. A server store is its URL, its driver's data source, its
 * {@link dev.agenthive.store.jdbc.JdbcDialect} with its mapper overlays and migrations, and whatever its
 * database offers besides (PostgreSQL: LISTEN/NOTIFY, the server's clock).
 */
package dev.agenthive.store.jdbc.server;
