package dev.agenthive.store.sqlite;

import dev.agenthive.api.spi.StorageProvider;
import dev.agenthive.api.spi.StorageSettings;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.ServiceLoader;

/** Opens SQLite stores the way users do: through the ServiceLoader-found provider. */
final class Stores {
    /** Found once, as one application finds it, so its statements are parsed once for all the tests. */
    private static final StorageProvider PROVIDER = ServiceLoader.load(StorageProvider.class).stream()
            .map(ServiceLoader.Provider::get)
            .filter(provider -> provider.name().equals("sqlite"))
            .findFirst()
            .orElseThrow(() -> new AssertionError("the sqlite provider is not registered"));

    private Stores() {
    }

    static StorageProvider provider() {
        return PROVIDER;
    }

    static SqliteHiveStore open(Path file) {
        return open(file, Map.of(), Clock.systemUTC());
    }

    static SqliteHiveStore open(Path file, Map<String, String> properties) {
        return open(file, properties, Clock.systemUTC());
    }

    static SqliteHiveStore open(Path file, Map<String, String> properties, Clock clock) {
        return (SqliteHiveStore) provider().open(new StorageSettings("sqlite:" + file, true, properties, clock));
    }
}
