package dev.agenthive.core.provider;

import dev.agenthive.api.error.ErrorCode;
import dev.agenthive.api.error.HiveException;
import dev.agenthive.api.error.StorageUnavailableException;
import dev.agenthive.api.spi.StorageProvider;
import dev.agenthive.api.spi.StorageSettings;
import dev.agenthive.api.store.HiveStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The storage providers available to this process: those bound explicitly (e.g. through Guice)
 * plus those found by {@link ServiceLoader}. A provider that cannot be loaded or was built against
 * another SPI version is logged and listed as unusable; the others stay usable. Selection never
 * guesses: exactly one usable provider must accept the URL.
 */
public final class StorageProviders {
    private static final Logger LOG = LoggerFactory.getLogger(StorageProviders.class);
    private final List<StorageProvider> usable;
    private final List<String> unusable;

    private StorageProviders(List<StorageProvider> usable, List<String> unusable) {
        this.usable = List.copyOf(usable);
        this.unusable = List.copyOf(unusable);
    }

    /**
     * Like {@link #discover(ClassLoader, Collection)} on the calling thread's context class loader,
     * or this class's loader when the thread has none.
     */
    public static StorageProviders discover(Collection<? extends StorageProvider> explicit) {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        return discover(context != null ? context : StorageProviders.class.getClassLoader(), explicit);
    }

    /**
     * Discovers providers with {@link ServiceLoader} on {@code loader} and adds {@code explicit}
     * ones (listed first). The same provider class found both ways counts once.
     */
    public static StorageProviders discover(ClassLoader loader, Collection<? extends StorageProvider> explicit) {
        ServiceDiscovery.Found<StorageProvider> found = ServiceDiscovery.discover(StorageProvider.class, "storage",
                loader, explicit, StorageProvider::spiVersion, StorageProvider.SPI_VERSION, StorageProviders::describe);
        return new StorageProviders(found.usable(), found.unusable());
    }

    /** Providers that can be used, explicit ones first. */
    public List<StorageProvider> providers() {
        return usable;
    }

    /** Human-readable descriptions of providers that were found but cannot be used, and why. */
    public List<String> unusable() {
        return unusable;
    }

    /** Every configuration key declared by a usable provider. */
    public Set<String> configKeys() {
        Set<String> keys = new LinkedHashSet<>();
        for (StorageProvider provider : usable) {
            try {
                keys.addAll(provider.configKeys());
            } catch (RuntimeException e) {
                LOG.warn("Storage provider {} failed to list its configuration keys", describe(provider), e);
            }
        }
        return keys;
    }

    /**
     * The one usable provider that accepts {@code url}.
     *
     * @throws HiveException {@link ErrorCode#CONFIGURATION} when none or several accept it; the
     *                       message names the (redacted) URL and lists the providers
     */
    public StorageProvider select(String url) {
        List<StorageProvider> matches = new ArrayList<>();
        for (StorageProvider provider : usable) {
            if (acceptsQuietly(provider, url)) {
                matches.add(provider);
            }
        }
        if (matches.size() == 1) {
            return matches.get(0);
        }
        String shown = Redaction.url(url);
        if (matches.isEmpty()) {
            throw new HiveException(ErrorCode.CONFIGURATION, "No storage provider accepts hive.storage.url '" + shown
                    + "'. Providers found: " + list(usable) + unusableSuffix());
        }
        throw new HiveException(ErrorCode.CONFIGURATION, "Several storage providers accept hive.storage.url '" + shown
                + "': " + list(matches) + ". Remove all but one from the classpath.");
    }

    /**
     * Selects the provider for {@code settings.url()} and opens the store. Fails closed: any failure
     * to open is thrown, never replaced by another store.
     *
     * @throws HiveException                {@link ErrorCode#CONFIGURATION} when no single provider accepts the URL
     * @throws StorageUnavailableException the provider could not open the store
     */
    public HiveStore open(StorageSettings settings) {
        StorageProvider provider = select(settings.url());
        HiveStore store;
        try {
            store = provider.open(settings);
        } catch (HiveException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new StorageUnavailableException("Storage provider " + describe(provider) + " failed to open '"
                    + Redaction.url(settings.url()) + "': " + e.getMessage(), e);
        }
        if (store == null) {
            throw new HiveException(ErrorCode.INTERNAL, "Storage provider " + describe(provider)
                    + " returned no store for '" + Redaction.url(settings.url()) + "'");
        }
        return store;
    }

    private static boolean acceptsQuietly(StorageProvider provider, String url) {
        try {
            return provider.accepts(url);
        } catch (RuntimeException e) {
            LOG.warn("Storage provider {} threw from accepts(); treating it as not accepting", describe(provider), e);
            return false;
        }
    }

    private String unusableSuffix() {
        return unusable.isEmpty() ? "" : ". Unusable: " + String.join("; ", unusable);
    }

    private static String list(List<StorageProvider> providers) {
        if (providers.isEmpty()) {
            return "none (put a storage module such as hive-store-sqlite on the classpath)";
        }
        return providers.stream().map(StorageProviders::describe).collect(Collectors.joining(", "));
    }

    private static String describe(StorageProvider provider) {
        return ServiceDiscovery.describe(provider, provider::name);
    }
}
