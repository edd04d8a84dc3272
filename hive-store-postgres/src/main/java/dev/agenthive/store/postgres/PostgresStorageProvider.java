package dev.agenthive.store.postgres;

import dev.agenthive.api.Checks;
import dev.agenthive.api.spi.StorageProvider;
import dev.agenthive.api.spi.StorageSettings;
import dev.agenthive.api.store.HiveStore;

import java.util.Set;

/**
 * StorageProvider {@code "postgresql"} for URLs {@code postgresql://user:password@host:port/db?...}
 * and {@code jdbc:postgresql://host:port/db?...}, registered in
 * {@code META-INF/services/dev.agenthive.api.spi.StorageProvider}.
 */
public final class PostgresStorageProvider implements StorageProvider {

    @Override
    public String name() {
        return "postgresql";
    }

    @Override
    public Set<String> configKeys() {
        return PostgresStoreConfig.KEYS;
    }

    @Override
    public boolean accepts(String url) {
        return PostgresUrl.accepts(url);
    }

    /**
     * Opens the store: the URL and every {@code hive.postgresql.*} key are checked first (failing
     * with an {@link dev.agenthive.api.error.InvalidInputException} naming the key), then the pool
     * connects, the schema is migrated if {@link StorageSettings#migrate()} (or else required to be
     * current) and the notifier starts listening. The store's clock is the server's; the settings'
     * clock is not used.
     */
    @Override
    public HiveStore open(StorageSettings settings) {
        Checks.notNull(settings, "settings");
        PostgresUrl url = PostgresUrl.parse(settings.url());
        PostgresStoreConfig config = PostgresStoreConfig.from(settings.properties());
        return PostgresHiveStore.open(url, config, settings.migrate());
    }
}
