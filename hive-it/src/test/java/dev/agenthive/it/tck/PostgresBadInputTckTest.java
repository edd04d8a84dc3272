package dev.agenthive.it.tck;

import dev.agenthive.api.store.HiveStore;
import dev.agenthive.tck.BadInputContract;

class PostgresBadInputTckTest extends BadInputContract {
    @Override
    protected HiveStore openStore() {
        return PostgresTck.open();
    }

    @Override
    protected void closeStore(HiveStore store) {
        PostgresTck.close(store);
    }
}
