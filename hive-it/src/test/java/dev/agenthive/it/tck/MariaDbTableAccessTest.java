package dev.agenthive.it.tck;

import dev.agenthive.api.store.HiveStore;
import dev.agenthive.it.mariadb.MariaDbTestServer;
import dev.agenthive.tck.transfer.TableAccessContract;

/** The table access contract on MariaDB (skipped visibly where there is no server). */
class MariaDbTableAccessTest extends TableAccessContract {
    private static final RecycledDatabases DATABASES = new RecycledDatabases("mariadb-table-access", MariaDbTestServer::get);

    @Override
    protected HiveStore openStore() {
        return DATABASES.open();
    }

    @Override
    protected void closeStore(HiveStore store) {
        DATABASES.close(store);
    }
}
