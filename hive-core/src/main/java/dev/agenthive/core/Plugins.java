package dev.agenthive.core;

import dev.agenthive.api.spi.BlobStoreProvider;
import dev.agenthive.api.spi.CacheProvider;
import dev.agenthive.api.spi.StorageProvider;
import dev.agenthive.core.provider.PluginProviders;
import dev.agenthive.core.provider.StorageProviders;

import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * The providers a hive is opened with: storage, cache and blob store, each found by
 * {@link java.util.ServiceLoader} together with any bound explicitly.
 */
record Plugins(StorageProviders storage, PluginProviders<CacheProvider> caches,
               PluginProviders<BlobStoreProvider> blobStores) {
    Plugins {
        Objects.requireNonNull(storage, "storage is null");
        Objects.requireNonNull(caches, "caches is null");
        Objects.requireNonNull(blobStores, "blobStores is null");
    }

    /** The providers on the context class loader, with no explicit ones. */
    static Plugins discover() {
        return discover(List.of(), List.of(), List.of());
    }

    /** The providers on the context class loader plus the explicit ones of each kind. */
    static Plugins discover(Collection<? extends StorageProvider> storage, Collection<? extends CacheProvider> caches,
                            Collection<? extends BlobStoreProvider> blobStores) {
        return new Plugins(StorageProviders.discover(storage), PluginProviders.caches(null, caches),
                PluginProviders.blobStores(null, blobStores));
    }
}
