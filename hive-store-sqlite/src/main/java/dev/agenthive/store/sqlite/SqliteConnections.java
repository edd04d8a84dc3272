package dev.agenthive.store.sqlite;

import dev.agenthive.api.error.StorageUnavailableException;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * Opens connections to one database file, each with the store's pragmas applied by the driver at
 * open: WAL journal, the configured {@code synchronous}, {@code foreign_keys=ON}, the busy timeout
 * and the WAL size limit. Every connection of the store (writer, readers, migrations) comes from here.
 */
final class SqliteConnections {
    private final Path path;
    private final SQLiteDataSource dataSource;

    SqliteConnections(Path path, SqliteStoreConfig config) {
        this.path = path;
        SQLiteConfig sqlite = new SQLiteConfig();
        sqlite.setJournalMode(SQLiteConfig.JournalMode.WAL);
        sqlite.setSynchronous(config.synchronous() == SqliteStoreConfig.Synchronous.FULL
                ? SQLiteConfig.SynchronousMode.FULL : SQLiteConfig.SynchronousMode.NORMAL);
        sqlite.enforceForeignKeys(true);
        sqlite.setBusyTimeout((int) config.busyTimeout().toMillis());
        sqlite.setJournalSizeLimit((int) config.walSizeLimit());
        this.dataSource = new SQLiteDataSource(sqlite);
        this.dataSource.setUrl("jdbc:sqlite:" + path);
    }

    /** A data source handing out connections with the pragmas applied (for MyBatis and Flyway). */
    SQLiteDataSource dataSource() {
        return dataSource;
    }

    /**
     * A new connection in auto-commit mode, with the store's SQL functions registered; the store
     * issues BEGIN and COMMIT itself.
     */
    Connection open() {
        try {
            Connection connection = dataSource.getConnection();
            connection.setAutoCommit(true);
            JsonContainsFunction.register(connection);
            return connection;
        } catch (SQLException e) {
            throw new StorageUnavailableException("cannot open SQLite database " + path + ": " + e.getMessage(), e);
        }
    }
}
