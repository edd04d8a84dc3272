package dev.agenthive.core.provider;

import dev.agenthive.api.error.StorageUnavailableException;
import dev.agenthive.api.spi.StorageProvider;
import dev.agenthive.api.spi.StorageSettings;
import dev.agenthive.api.store.HiveStore;

/** Test provider registered next to {@link TwinAlphaStorageProvider}, accepting the same scheme. */
public final class TwinBetaStorageProvider implements StorageProvider {
    @Override
    public String name() {
        return "twin-beta";
    }

    @Override
    public boolean accepts(String url) {
        return url.startsWith("twin:");
    }

    @Override
    public HiveStore open(StorageSettings settings) {
        throw new StorageUnavailableException("twin-beta holds no data; it exists to collide with twin-alpha", null);
    }
}
