package dev.agenthive.it.process;

import dev.agenthive.api.spi.StorageProvider;
import dev.agenthive.api.spi.StorageSettings;
import dev.agenthive.api.store.HiveStore;

import java.time.Clock;
import java.util.Map;
import java.util.ServiceLoader;

/** Opens a store through the SPI exactly as the core does: ServiceLoader, then the accepting provider. */
public final class Stores {
    private Stores() {
    }

    public static HiveStore open(String url) {
        return open(url, Map.of());
    }

    public static HiveStore open(String url, Map<String, String> properties) {
        for (StorageProvider provider : ServiceLoader.load(StorageProvider.class)) {
            if (provider.accepts(url)) {
                return provider.open(new StorageSettings(url, true, properties, Clock.systemUTC()));
            }
        }
        throw new IllegalStateException("no storage provider accepts " + url);
    }
}
