/**
 * Shared relational adapter of Agent Hive: MyBatis mappers, type handlers, exception translation,
 * the Flyway runner and the repository implementations every SQL store reuses. A store module
 * supplies a {@link dev.agenthive.store.jdbc.JdbcDialect} and a {@link dev.agenthive.store.jdbc.SqlExecutor}
 * (how connections and transactions are run) and gets every repository port.
 */
package dev.agenthive.store.jdbc;
