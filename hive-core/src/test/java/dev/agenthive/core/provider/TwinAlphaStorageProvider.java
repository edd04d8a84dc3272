package dev.agenthive.core.provider;

import dev.agenthive.api.error.StorageUnavailableException;
import dev.agenthive.api.spi.StorageProvider;
import dev.agenthive.api.spi.StorageSettings;
import dev.agenthive.api.store.HiveStore;

import java.util.Set;

/** Test provider that claims the {@code twin:} scheme, as {@link TwinBetaStorageProvider} does too. */
public final class TwinAlphaStorageProvider implements StorageProvider {
    /** A provider key, to check that provider keys count as known configuration keys. */
    public static final String MODE_KEY = "hive.twin.mode";

    @Override
    public String name() {
        return "twin-alpha";
    }

    @Override
    public Set<String> configKeys() {
        return Set.of(MODE_KEY);
    }

    @Override
    public boolean accepts(String url) {
        return url.startsWith("twin:");
    }

    @Override
    public HiveStore open(StorageSettings settings) {
        throw new StorageUnavailableException("twin-alpha holds no data; it exists to collide with twin-beta", null);
    }
}
