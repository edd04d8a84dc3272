package dev.agenthive.examples.h2;

import dev.agenthive.api.spi.StorageProvider;
import dev.agenthive.api.spi.StorageSettings;
import dev.agenthive.api.store.HiveStore;
import dev.agenthive.tck.HiveStoreTck;

import java.time.Clock;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.UUID;

/**
 * The whole storage TCK on the H2 store, each test on a fresh in-memory database. The provider is
 * found the way Agent Hive finds it, through {@link ServiceLoader}, so the registration is tested too;
 * found once, as one application finds it, it parses its statements once for all the tests.
 */
class H2StoreTckTest extends HiveStoreTck {
    private static final StorageProvider PROVIDER = ServiceLoader.load(StorageProvider.class).stream()
            .map(ServiceLoader.Provider::get)
            .filter(candidate -> candidate.name().equals("h2"))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no StorageProvider 'h2' registered"));

    @Override
    protected HiveStore openStore(Clock clock) {
        return PROVIDER.open(new StorageSettings("h2:mem:tck-" + UUID.randomUUID(), true, Map.of(), clock));
    }
}
