package dev.agenthive.bench.peer;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.agenthive.bench.BenchTarget;
import org.postgresql.ds.PGSimpleDataSource;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The connection pools the peers run on. Both peers open a connection per storage call, so each gets
 * a fixed-size HikariCP pool large enough that no worker waits for a connection, and the database
 * settings Agent Hive's own stores use, so the table compares queue engines and not configurations.
 */
final class PeerDataSources {
    /** Agent Hive's SQLite store waits this long for another connection's write lock. */
    static final Duration SQLITE_BUSY_TIMEOUT = Duration.ofSeconds(5);

    private PeerDataSources() {
    }

    /**
     * A pool on the SQLite file {@code file}: WAL, {@code synchronous=NORMAL} and the busy timeout as
     * in Agent Hive's store, and every transaction opened with {@code BEGIN IMMEDIATE} (sqlite-jdbc's
     * {@code transaction_mode=IMMEDIATE}). The peers read, then write in one transaction; a deferred
     * transaction that read an old snapshot fails at once with SQLITE_BUSY when it tries to write after
     * another connection committed, without waiting for the busy timeout, so a concurrent peer needs
     * the write lock taken at BEGIN.
     */
    static HikariDataSource sqlite(Path file, String poolName, int size) {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        config.setBusyTimeout((int) SQLITE_BUSY_TIMEOUT.toMillis());
        config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        SQLiteDataSource sqlite = new SQLiteDataSource(config);
        sqlite.setUrl("jdbc:sqlite:" + file);
        return pool(sqlite, poolName, size);
    }

    /**
     * A pool on the target's PostgreSQL database, with batched inserts rewritten into multi-row
     * statements as in Agent Hive's store.
     */
    static HikariDataSource postgresql(BenchTarget target, String poolName, int size) {
        PGSimpleDataSource postgres = new PGSimpleDataSource();
        postgres.setURL(target.jdbcUrl());
        if (target.user() != null) {
            postgres.setUser(target.user());
        }
        if (target.password() != null) {
            postgres.setPassword(target.password());
        }
        postgres.setReWriteBatchedInserts(true);
        postgres.setApplicationName(poolName);
        return pool(postgres, poolName, size);
    }

    private static HikariDataSource pool(DataSource direct, String poolName, int size) {
        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName(poolName);
        hikari.setDataSource(direct);
        // Fixed size: no connection is opened inside the measured window.
        hikari.setMaximumPoolSize(size);
        hikari.setMinimumIdle(size);
        return new HikariDataSource(hikari);
    }
}
