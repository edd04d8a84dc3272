package dev.agenthive.it.tck;

import dev.agenthive.api.store.HiveStore;
import dev.agenthive.it.mariadb.MariaDbTestServer;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;

/**
 * The blob TCK on the blobs of a MariaDB store (the server of {@link MariaDbTestServer}, skipped
 * visibly where there is none), on {@link RecycledDatabases}.
 */
class MariaDbStoreBlobsTckTest extends StoreBlobsContract {
    private static final RecycledDatabases DATABASES = new RecycledDatabases("mariadb-blob-tck", MariaDbTestServer::get);

    @Override
    protected HiveStore openHiveStore(Map<String, String> properties) {
        return DATABASES.open(properties);
    }

    @Override
    protected void closeHiveStore(HiveStore store) {
        DATABASES.close(store);
    }

    @Override
    protected Connection connect(HiveStore store) throws SQLException {
        return DATABASES.connect(store);
    }
}
