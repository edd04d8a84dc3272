package dev.agenthive.it.tck;

import dev.agenthive.api.store.HiveStore;
import dev.agenthive.tck.InjectionContract;

class PostgresInjectionTckTest extends InjectionContract {
    @Override
    protected HiveStore openStore() {
        return PostgresTck.open();
    }

    @Override
    protected void closeStore(HiveStore store) {
        PostgresTck.close(store);
    }
}
