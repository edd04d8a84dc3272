package dev.agenthive.store.postgres;

import dev.agenthive.api.spi.StorageSettings;
import dev.agenthive.api.store.HiveStore;
import dev.agenthive.api.transfer.ValueRules;
import dev.agenthive.store.jdbc.MapperCatalog;
import dev.agenthive.store.jdbc.server.ServerStorageProvider;
import dev.agenthive.store.jdbc.server.ServerStoreConfig;
import dev.agenthive.store.jdbc.server.ServerUrl;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * StorageProvider {@code "postgresql"} for URLs {@code postgresql://user:password@host:port/db?...}
 * and {@code jdbc:postgresql://host:port/db?...}, registered in
 * {@code META-INF/services/dev.agenthive.api.spi.StorageProvider}. The store's clock is the server's:
 * the settings' clock plus the measured offset from this machine's clock to the server's.
 */
public final class PostgresStorageProvider extends ServerStorageProvider<PostgresUrl> {
    private final Supplier<MapperCatalog> catalog = PostgresHiveStore.catalog();

    public PostgresStorageProvider() {
        super("postgresql", "PostgreSQL");
    }

    /** U+0000 in text and the {@code \\u0000} escape in {@code jsonb}: see {@link PostgresValueRules}. */
    @Override
    public ValueRules valueRules() {
        return new PostgresValueRules();
    }

    @Override
    public boolean accepts(String url) {
        return PostgresUrl.accepts(url);
    }

    @Override
    protected PostgresUrl parseUrl(String url) {
        return PostgresUrl.parse(url);
    }

    @Override
    protected Optional<ServerUrl> serverUrl(PostgresUrl url) {
        return Optional.of(url.serverUrl());
    }

    @Override
    protected HiveStore open(PostgresUrl url, ServerStoreConfig config, StorageSettings settings) {
        return PostgresHiveStore.open(url, config, settings.migrate(), settings.clock(), catalog.get(), settings.largeContent(),
                settings.statements());
    }
}
