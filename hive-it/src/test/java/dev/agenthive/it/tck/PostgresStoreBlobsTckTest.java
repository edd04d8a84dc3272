package dev.agenthive.it.tck;

import dev.agenthive.api.store.HiveStore;
import dev.agenthive.it.postgres.PostgresTestServer;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;

/** The blob TCK on the blobs of a PostgreSQL store (the server of {@link PostgresTestServer}), on {@link RecycledDatabases}. */
class PostgresStoreBlobsTckTest extends StoreBlobsContract {
    private static final RecycledDatabases DATABASES = new RecycledDatabases("postgres-blob-tck", PostgresTestServer::get);

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
