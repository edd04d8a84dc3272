package dev.agenthive.core.provider;

import dev.agenthive.api.spi.StorageProvider;
import dev.agenthive.api.spi.StorageSettings;
import dev.agenthive.api.store.HiveStore;

/** Test provider whose construction fails, as a provider with a missing dependency would. */
public final class BrokenStorageProvider implements StorageProvider {
    public BrokenStorageProvider() {
        throw new IllegalStateException("broken on purpose: its dependencies are missing");
    }

    @Override
    public String name() {
        return "broken";
    }

    @Override
    public boolean accepts(String url) {
        return true;
    }

    @Override
    public HiveStore open(StorageSettings settings) {
        throw new AssertionError("unreachable: the constructor always fails");
    }
}
