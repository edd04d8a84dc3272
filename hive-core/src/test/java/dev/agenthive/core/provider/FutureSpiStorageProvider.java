package dev.agenthive.core.provider;

import dev.agenthive.api.spi.StorageProvider;
import dev.agenthive.api.spi.StorageSettings;
import dev.agenthive.api.store.HiveStore;

/** Test provider built against a later SPI version; the core must refuse it. */
public final class FutureSpiStorageProvider implements StorageProvider {
    @Override
    public int spiVersion() {
        return SPI_VERSION + 1;
    }

    @Override
    public String name() {
        return "future";
    }

    @Override
    public boolean accepts(String url) {
        return url.startsWith("future:");
    }

    @Override
    public HiveStore open(StorageSettings settings) {
        throw new AssertionError("a provider of another SPI version must never be opened");
    }
}
