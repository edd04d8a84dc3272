package dev.agenthive.core.config;

import dev.agenthive.api.spi.StorageProvider;
import dev.agenthive.core.provider.PluginProviders;
import dev.agenthive.core.provider.StorageProviders;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The configuration keys of the storage, cache and blob store providers this process can use: those found by
 * {@link java.util.ServiceLoader} on a class loader plus those registered explicitly (e.g. bound
 * in Guice), so that a provider's {@code hive.<name>.*} keys are known keys.
 */
final class ProviderKeys {
    private ProviderKeys() {
    }

    /**
     * Every key declared by a usable provider.
     *
     * @param loader   where {@link java.util.ServiceLoader} looks; {@code null} for the thread's
     *                 context class loader
     * @param explicit providers registered outside {@link java.util.ServiceLoader}
     */
    static Set<String> discover(ClassLoader loader, Collection<? extends StorageProvider> explicit) {
        StorageProviders providers = loader != null
                ? StorageProviders.discover(loader, explicit) : StorageProviders.discover(explicit);
        Set<String> keys = new LinkedHashSet<>(providers.configKeys());
        keys.addAll(PluginProviders.caches(loader, List.of()).configKeys());
        keys.addAll(PluginProviders.blobStores(loader, List.of()).configKeys());
        return keys;
    }
}
