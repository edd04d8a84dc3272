package dev.agenthive.store.mariadb;

import dev.agenthive.api.spi.StorageSettings;
import dev.agenthive.api.store.HiveStore;
import dev.agenthive.store.jdbc.MapperCatalog;
import dev.agenthive.store.jdbc.server.ServerStorageProvider;
import dev.agenthive.store.jdbc.server.ServerStoreConfig;
import dev.agenthive.store.jdbc.server.ServerUrl;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * StorageProvider {@code "mariadb"} for URLs {@code mariadb://user[:password]@host[:port]/db?...},
 * {@code jdbc:mariadb://host:port/db?...} and {@code jdbc:mysql://host:port/db?...}, registered in
 * {@code META-INF/services/dev.agenthive.api.spi.StorageProvider}; its keys are {@code hive.mariadb.*}
 * ({@link ServerStoreConfig}).
 */
public final class MariaDbStorageProvider extends ServerStorageProvider<MariaDbUrl> {
    private final Supplier<MapperCatalog> catalog = MariaDbHiveStore.catalog();

    public MariaDbStorageProvider() {
        super("mariadb", "MariaDB");
    }

    @Override
    public boolean accepts(String url) {
        return MariaDbUrl.accepts(url);
    }

    @Override
    protected MariaDbUrl parseUrl(String url) {
        return MariaDbUrl.parse(url);
    }

    @Override
    protected Optional<ServerUrl> serverUrl(MariaDbUrl url) {
        return Optional.of(url.serverUrl());
    }

    @Override
    protected HiveStore open(MariaDbUrl url, ServerStoreConfig config, StorageSettings settings) {
        return MariaDbHiveStore.open(url, config, settings.migrate(), settings.clock(), catalog.get(),
                settings.largeContent(), settings.statements());
    }
}
