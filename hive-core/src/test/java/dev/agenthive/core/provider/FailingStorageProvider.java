package dev.agenthive.core.provider;

import dev.agenthive.api.spi.StorageProvider;
import dev.agenthive.api.spi.StorageSettings;
import dev.agenthive.api.store.HiveStore;

/** Test provider whose store cannot be opened and that breaks the SPI by throwing a raw exception. */
public final class FailingStorageProvider implements StorageProvider {
    @Override
    public String name() {
        return "failing";
    }

    @Override
    public boolean accepts(String url) {
        return url.startsWith("failing:");
    }

    @Override
    public HiveStore open(StorageSettings settings) {
        throw new IllegalStateException("disk on fire");
    }
}
