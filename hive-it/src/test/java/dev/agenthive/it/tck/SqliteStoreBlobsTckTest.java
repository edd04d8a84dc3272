package dev.agenthive.it.tck;

import dev.agenthive.api.store.HiveStore;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import java.util.UUID;

/** The blob TCK on the blobs of a SQLite store: every store in a file of its own. */
class SqliteStoreBlobsTckTest extends StoreBlobsContract {
    @TempDir
    Path dir;

    @Override
    protected HiveStore openHiveStore(Map<String, String> properties) {
        return SpiStores.open("sqlite:" + dir.resolve(UUID.randomUUID() + ".db"), properties);
    }

    @Override
    protected void closeHiveStore(HiveStore store) {
        store.close();
    }

    /** The store's location is {@code sqlite:<absolute path>}, the driver's URL without {@code jdbc:}. */
    @Override
    protected Connection connect(HiveStore store) throws SQLException {
        return DriverManager.getConnection("jdbc:" + store.location());
    }
}
