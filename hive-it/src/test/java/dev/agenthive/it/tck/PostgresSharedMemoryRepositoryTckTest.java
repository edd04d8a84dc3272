package dev.agenthive.it.tck;

import dev.agenthive.api.store.HiveStore;
import dev.agenthive.tck.SharedMemoryRepositoryContract;

class PostgresSharedMemoryRepositoryTckTest extends SharedMemoryRepositoryContract {
    @Override
    protected HiveStore openStore() {
        return PostgresTck.open();
    }

    @Override
    protected void closeStore(HiveStore store) {
        PostgresTck.close(store);
    }
}
