package dev.agenthive.it.tck;

import dev.agenthive.api.store.HiveStore;
import dev.agenthive.it.postgres.PostgresTestServer;
import dev.agenthive.tck.transfer.TableAccessContract;

/** The table access contract on PostgreSQL. */
class PostgresTableAccessTest extends TableAccessContract {
    private static final RecycledDatabases DATABASES = new RecycledDatabases("postgres-table-access", PostgresTestServer::get);

    @Override
    protected HiveStore openStore() {
        return DATABASES.open();
    }

    @Override
    protected void closeStore(HiveStore store) {
        DATABASES.close(store);
    }
}
