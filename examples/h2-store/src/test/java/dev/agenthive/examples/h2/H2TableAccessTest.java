package dev.agenthive.examples.h2;

import dev.agenthive.api.spi.StorageProvider;
import dev.agenthive.api.spi.StorageSettings;
import dev.agenthive.api.store.HiveStore;
import dev.agenthive.tck.transfer.TableAccessContract;

import java.time.Clock;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.UUID;

/** The table access contract on the H2 store, each store a fresh in-memory database. */
class H2TableAccessTest extends TableAccessContract {
    private static final StorageProvider PROVIDER = ServiceLoader.load(StorageProvider.class).stream()
            .map(ServiceLoader.Provider::get)
            .filter(candidate -> candidate.name().equals("h2"))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no StorageProvider 'h2' registered"));

    @Override
    protected HiveStore openStore() {
        return PROVIDER.open(new StorageSettings("h2:mem:table-access-" + UUID.randomUUID(), true, Map.of(),
                Clock.systemUTC()));
    }
}
