package dev.agenthive.core.provider;

import dev.agenthive.api.error.StorageUnavailableException;
import dev.agenthive.api.spi.StorageProvider;
import dev.agenthive.api.spi.StorageSettings;
import dev.agenthive.api.store.HiveStore;

/**
 * Test provider that also claims {@code sqlite:} URLs, but only those ending in {@code #shadowed}
 * so that every other test keeps a single SQLite provider.
 */
public final class ShadowSqliteStorageProvider implements StorageProvider {
    @Override
    public String name() {
        return "shadow-sqlite";
    }

    @Override
    public boolean accepts(String url) {
        return url.startsWith("sqlite:") && url.endsWith("#shadowed");
    }

    @Override
    public HiveStore open(StorageSettings settings) {
        throw new StorageUnavailableException("shadow-sqlite holds no data; it exists to collide with sqlite", null);
    }
}
