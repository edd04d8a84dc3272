package dev.agenthive.it.tck;

import dev.agenthive.api.store.HiveStore;
import dev.agenthive.tck.MemorySnapshotRepositoryContract;

class PostgresMemorySnapshotRepositoryTckTest extends MemorySnapshotRepositoryContract {
    @Override
    protected HiveStore openStore() {
        return PostgresTck.open();
    }

    @Override
    protected void closeStore(HiveStore store) {
        PostgresTck.close(store);
    }
}
