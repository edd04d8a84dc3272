package dev.agenthive.it.tck;

import dev.agenthive.api.store.HiveStore;
import dev.agenthive.tck.ProjectRepositoryContract;

class PostgresProjectRepositoryTckTest extends ProjectRepositoryContract {
    @Override
    protected HiveStore openStore() {
        return PostgresTck.open();
    }

    @Override
    protected void closeStore(HiveStore store) {
        PostgresTck.close(store);
    }
}
