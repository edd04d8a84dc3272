package dev.agenthive.core.provider;

import dev.agenthive.api.cache.Cache;
import dev.agenthive.api.error.ErrorCode;
import dev.agenthive.api.error.HiveException;
import dev.agenthive.api.spi.CacheProvider;
import dev.agenthive.api.spi.CacheSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The cache providers available to this process, found like {@link StorageProviders}: bound
 * explicitly or by {@link java.util.ServiceLoader}, and exactly one usable provider must accept the
 * cache URL.
 */
public final class CacheProviders {
    private static final Logger LOG = LoggerFactory.getLogger(CacheProviders.class);

    private final List<CacheProvider> usable;
    private final List<String> unusable;

    private CacheProviders(List<CacheProvider> usable, List<String> unusable) {
        this.usable = List.copyOf(usable);
        this.unusable = List.copyOf(unusable);
    }

    /** Like {@link #discover(ClassLoader, Collection)} on the context class loader, or this class's loader. */
    public static CacheProviders discover(Collection<? extends CacheProvider> explicit) {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        return discover(context != null ? context : CacheProviders.class.getClassLoader(), explicit);
    }

    /** Discovers providers on {@code loader} and adds {@code explicit} ones (listed first). */
    public static CacheProviders discover(ClassLoader loader, Collection<? extends CacheProvider> explicit) {
        ServiceDiscovery.Found<CacheProvider> found = ServiceDiscovery.discover(CacheProvider.class, "cache",
                loader, explicit, CacheProvider::spiVersion, CacheProvider.SPI_VERSION, CacheProviders::describe);
        return new CacheProviders(found.usable(), found.unusable());
    }

    /** Providers that can be used, explicit ones first. */
    public List<CacheProvider> providers() {
        return usable;
    }

    /** Every configuration key declared by a usable provider. */
    public Set<String> configKeys() {
        Set<String> keys = new LinkedHashSet<>();
        for (CacheProvider provider : usable) {
            try {
                keys.addAll(provider.configKeys());
            } catch (RuntimeException e) {
                LOG.warn("Cache provider {} failed to list its configuration keys", describe(provider), e);
            }
        }
        return keys;
    }

    /** Whether some usable provider accepts {@code url}. */
    public boolean anyAccepts(String url) {
        return usable.stream().anyMatch(provider -> acceptsQuietly(provider, url));
    }

    /**
     * Opens the cache through the one usable provider that accepts {@code settings.url()}.
     *
     * @throws HiveException {@link ErrorCode#CONFIGURATION} when none or several accept the URL; the
     *                       message names the (redacted) URL and lists the providers
     */
    public Cache open(CacheSettings settings) {
        String url = settings.url();
        List<CacheProvider> matches = new ArrayList<>();
        for (CacheProvider provider : usable) {
            if (acceptsQuietly(provider, url)) {
                matches.add(provider);
            }
        }
        String shown = Redaction.url(url);
        if (matches.isEmpty()) {
            throw new HiveException(ErrorCode.CONFIGURATION, "No cache provider accepts hive.cache.url '" + shown
                    + "'. Providers found: " + list(usable)
                    + (unusable.isEmpty() ? "" : ". Unusable: " + String.join("; ", unusable))
                    + ". Use 'none:' to run without a cache.");
        }
        if (matches.size() > 1) {
            throw new HiveException(ErrorCode.CONFIGURATION, "Several cache providers accept hive.cache.url '" + shown
                    + "': " + list(matches) + ". Remove all but one from the classpath.");
        }
        CacheProvider provider = matches.get(0);
        Cache cache = provider.open(settings);
        if (cache == null) {
            throw new HiveException(ErrorCode.INTERNAL, "Cache provider " + describe(provider)
                    + " returned no cache for '" + shown + "'");
        }
        return cache;
    }

    private static boolean acceptsQuietly(CacheProvider provider, String url) {
        try {
            return provider.accepts(url);
        } catch (RuntimeException e) {
            LOG.warn("Cache provider {} threw from accepts(); treating it as not accepting", describe(provider), e);
            return false;
        }
    }

    private static String list(List<CacheProvider> providers) {
        if (providers.isEmpty()) {
            return "none (put a cache module such as hive-cache-caffeine on the classpath)";
        }
        return providers.stream().map(CacheProviders::describe).collect(Collectors.joining(", "));
    }

    private static String describe(CacheProvider provider) {
        return ServiceDiscovery.describe(provider, provider::name);
    }
}
