package dev.agenthive.api.spi;

import dev.agenthive.api.blob.BlobStore;

import java.util.Set;

/**
 * Service-provider interface of a blob store plugin, found with {@link java.util.ServiceLoader}
 * through {@code META-INF/services/dev.agenthive.api.spi.BlobStoreProvider}. The core picks the one
 * provider whose {@link #accepts} is true for the configured blob URL, as it does for storage.
 */
public interface BlobStoreProvider {
    /** Version of this SPI; bumped only on incompatible change. */
    int SPI_VERSION = 1;

    /** The SPI version the provider was built against; the core refuses other versions. */
    default int spiVersion() {
        return SPI_VERSION;
    }

    /** Short unique name, e.g. {@code "file"}. */
    String name();

    /** The configuration keys this provider reads, all under {@code hive.blob.<name>.}. */
    default Set<String> configKeys() {
        return Set.of();
    }

    /** Whether this provider handles the URL, e.g. {@code file:/data/blobs}. Must not throw. */
    boolean accepts(String url);

    /**
     * Opens the blob store, creating what it needs.
     *
     * @throws dev.agenthive.api.error.InvalidInputException       a setting is malformed
     * @throws dev.agenthive.api.error.StorageUnavailableException the store cannot be opened
     */
    BlobStore open(BlobSettings settings);
}
