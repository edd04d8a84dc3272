package dev.agenthive.examples.h2;

import dev.agenthive.api.spi.StorageSettings;
import dev.agenthive.api.store.HiveStore;
import dev.agenthive.store.jdbc.MapperCatalog;
import dev.agenthive.store.jdbc.server.ServerStorageProvider;
import dev.agenthive.store.jdbc.server.ServerStoreConfig;

import java.util.function.Supplier;

/**
 * StorageProvider {@code "h2"} for {@code h2:mem:name}, {@code h2:file:/path/name} and the same with a
 * {@code jdbc:} prefix, registered in {@code META-INF/services/dev.agenthive.api.spi.StorageProvider}.
 * It reads the kit's {@code hive.h2.*} keys (pool size, connect and retry timeouts; the socket timeout
 * has nothing to time out in an embedded database).
 */
public final class H2StorageProvider extends ServerStorageProvider<H2Url> {
    private final Supplier<MapperCatalog> catalog = H2HiveStore.catalog();

    public H2StorageProvider() {
        super("h2", "H2");
    }

    @Override
    public boolean accepts(String url) {
        return H2Url.accepts(url);
    }

    @Override
    protected H2Url parseUrl(String url) {
        return H2Url.parse(url);
    }

    @Override
    protected HiveStore open(H2Url url, ServerStoreConfig config, StorageSettings settings) {
        return H2HiveStore.open(url, config, settings.migrate(), settings.clock(), catalog.get(),
                settings.largeContent());
    }
}
