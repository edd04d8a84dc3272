package dev.agenthive.it.fault.sqlite;

import dev.agenthive.api.spi.StorageSettings;
import dev.agenthive.api.store.HiveStore;
import dev.agenthive.store.sqlite.SqliteStorageProvider;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/**
 * Opens SQLite stores as the core does (provider, settings, migration), through one provider
 * instance, so that a test opening the store after each of hundreds of kills parses the store's
 * statements once.
 */
final class FaultStores {
    private final SqliteStorageProvider provider = new SqliteStorageProvider();

    HiveStore open(Path db) {
        return open(db, Map.of());
    }

    HiveStore open(Path db, Map<String, String> properties) {
        return provider.open(new StorageSettings("sqlite:" + db, true, properties, Clock.systemUTC()));
    }
}
