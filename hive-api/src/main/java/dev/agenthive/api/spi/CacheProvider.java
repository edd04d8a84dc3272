package dev.agenthive.api.spi;

import dev.agenthive.api.cache.Cache;

import java.util.Set;

/**
 * Service-provider interface of a cache plugin, found with {@link java.util.ServiceLoader} through
 * {@code META-INF/services/dev.agenthive.api.spi.CacheProvider}. The core picks the one provider
 * whose {@link #accepts} is true for the configured cache URL, as it does for storage.
 */
public interface CacheProvider {
    /** Version of this SPI; bumped only on incompatible change. */
    int SPI_VERSION = 1;

    /** The SPI version the provider was built against; the core refuses other versions. */
    default int spiVersion() {
        return SPI_VERSION;
    }

    /** Short unique name, e.g. {@code "caffeine"}. */
    String name();

    /** The configuration keys this provider reads, all under {@code hive.cache.<name>.}. */
    default Set<String> configKeys() {
        return Set.of();
    }

    /** Whether this provider handles the URL, e.g. {@code redis://127.0.0.1:6379}. Must not throw. */
    boolean accepts(String url);

    /**
     * Opens the cache. A shared cache that cannot be reached yet still opens (degraded) and
     * connects when it can, since the store alone can serve every call.
     *
     * @throws dev.agenthive.api.error.InvalidInputException a setting is malformed
     */
    Cache open(CacheSettings settings);
}
