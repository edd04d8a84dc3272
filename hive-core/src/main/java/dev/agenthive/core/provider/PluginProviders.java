package dev.agenthive.core.provider;

import dev.agenthive.api.error.ErrorCode;
import dev.agenthive.api.error.HiveException;
import dev.agenthive.api.spi.BlobStoreProvider;
import dev.agenthive.api.spi.CacheProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiPredicate;
import java.util.function.Function;
import java.util.function.ToIntFunction;
import java.util.stream.Collectors;

/**
 * The providers of one kind of plugin besides storage (caches, blob stores) available to this
 * process, found like {@link StorageProviders}: bound explicitly or by {@link java.util.ServiceLoader},
 * and exactly one usable provider must accept the configured URL.
 *
 * @param <P> the provider type
 */
public final class PluginProviders<P> {
    private static final Logger LOG = LoggerFactory.getLogger(PluginProviders.class);

    private final Kind<P> kind;
    private final List<P> usable;
    private final List<String> unusable;

    private PluginProviders(Kind<P> kind, List<P> usable, List<String> unusable) {
        this.kind = kind;
        this.usable = List.copyOf(usable);
        this.unusable = List.copyOf(unusable);
    }

    /** Cache providers on {@code loader} ({@code null}: the context class loader) plus {@code explicit} ones. */
    public static PluginProviders<CacheProvider> caches(ClassLoader loader, Collection<? extends CacheProvider> explicit) {
        return discover(new Kind<>(CacheProvider.class, "cache", "hive.cache.url",
                "put a cache module such as hive-cache-caffeine on the classpath", CacheProvider::name,
                CacheProvider::accepts, CacheProvider::configKeys), loader, explicit,
                CacheProvider::spiVersion, CacheProvider.SPI_VERSION);
    }

    /** Blob store providers on {@code loader} ({@code null}: the context class loader) plus {@code explicit} ones. */
    public static PluginProviders<BlobStoreProvider> blobStores(ClassLoader loader,
                                                                Collection<? extends BlobStoreProvider> explicit) {
        return discover(new Kind<>(BlobStoreProvider.class, "blob store", "hive.blob.url",
                "put a blob store module such as hive-blobstore on the classpath", BlobStoreProvider::name,
                BlobStoreProvider::accepts, BlobStoreProvider::configKeys), loader, explicit,
                BlobStoreProvider::spiVersion, BlobStoreProvider.SPI_VERSION);
    }

    private static <P> PluginProviders<P> discover(Kind<P> kind, ClassLoader loader, Collection<? extends P> explicit,
                                                   ToIntFunction<P> spiVersion, int expected) {
        ClassLoader effective = loader;
        if (effective == null) {
            ClassLoader context = Thread.currentThread().getContextClassLoader();
            effective = context != null ? context : PluginProviders.class.getClassLoader();
        }
        ServiceDiscovery.Found<P> found = ServiceDiscovery.discover(kind.type(), kind.name(), effective, explicit,
                spiVersion, expected, provider -> ServiceDiscovery.describe(provider, () -> kind.nameOf().apply(provider)));
        return new PluginProviders<>(kind, found.usable(), found.unusable());
    }

    /** Providers that can be used, explicit ones first. */
    public List<P> providers() {
        return usable;
    }

    /** Every configuration key declared by a usable provider. */
    public Set<String> configKeys() {
        Set<String> keys = new LinkedHashSet<>();
        for (P provider : usable) {
            try {
                keys.addAll(kind.keys().apply(provider));
            } catch (RuntimeException e) {
                LOG.warn("{} provider {} failed to list its configuration keys", kind.name(), describe(provider), e);
            }
        }
        return keys;
    }

    /** Whether some usable provider accepts {@code url}. */
    public boolean anyAccepts(String url) {
        return usable.stream().anyMatch(provider -> acceptsQuietly(provider, url));
    }

    /**
     * The one usable provider that accepts {@code url}.
     *
     * @throws HiveException {@link ErrorCode#CONFIGURATION} when none or several accept it; the
     *                       message names the (redacted) URL and lists the providers
     */
    public P select(String url) {
        List<P> matches = new ArrayList<>();
        for (P provider : usable) {
            if (acceptsQuietly(provider, url)) {
                matches.add(provider);
            }
        }
        String shown = Redaction.url(url);
        if (matches.isEmpty()) {
            throw new HiveException(ErrorCode.CONFIGURATION, "No " + kind.name() + " provider accepts " + kind.urlKey()
                    + " '" + shown + "'. Providers found: " + list(usable)
                    + (unusable.isEmpty() ? "" : ". Unusable: " + String.join("; ", unusable)));
        }
        if (matches.size() > 1) {
            throw new HiveException(ErrorCode.CONFIGURATION, "Several " + kind.name() + " providers accept "
                    + kind.urlKey() + " '" + shown + "': " + list(matches) + ". Remove all but one from the classpath.");
        }
        return matches.get(0);
    }

    /**
     * Opens through the one provider that accepts {@code url}.
     *
     * @throws HiveException {@link ErrorCode#CONFIGURATION} when none or several accept the URL,
     *                       {@link ErrorCode#INTERNAL} when the provider returns nothing
     */
    public <T> T open(String url, Function<P, T> opening) {
        P provider = select(url);
        T opened = opening.apply(provider);
        if (opened == null) {
            throw new HiveException(ErrorCode.INTERNAL, kind.name() + " provider " + describe(provider)
                    + " opened nothing for '" + Redaction.url(url) + "'");
        }
        return opened;
    }

    private boolean acceptsQuietly(P provider, String url) {
        try {
            return kind.accepts().test(provider, url);
        } catch (RuntimeException e) {
            LOG.warn("{} provider {} threw from accepts(); treating it as not accepting", kind.name(), describe(provider), e);
            return false;
        }
    }

    private String list(List<P> providers) {
        if (providers.isEmpty()) {
            return "none (" + kind.hint() + ")";
        }
        return providers.stream().map(this::describe).collect(Collectors.joining(", "));
    }

    private String describe(P provider) {
        return ServiceDiscovery.describe(provider, () -> kind.nameOf().apply(provider));
    }

    /** What tells one kind of provider from another: its type, names and accessors. */
    private record Kind<P>(Class<P> type, String name, String urlKey, String hint, Function<P, String> nameOf,
                           BiPredicate<P, String> accepts, Function<P, Set<String>> keys) {
        Kind {
            Objects.requireNonNull(type, "type is null");
        }
    }
}
