package dev.agenthive.api.spi;

import dev.agenthive.api.store.HiveStore;

/**
 * Service-provider interface of a storage plugin, found with {@link java.util.ServiceLoader}
 * through {@code META-INF/services/dev.agenthive.api.spi.StorageProvider}. The core picks the one
 * provider whose {@link #accepts} is true for the configured URL; none or several is a
 * configuration error that lists the providers found.
 */
public interface StorageProvider {
    /** Version of this SPI; bumped only on incompatible change. */
    int SPI_VERSION = 1;

    /** The SPI version the provider was built against; the core refuses other major versions. */
    default int spiVersion() {
        return SPI_VERSION;
    }

    /** Short unique name, e.g. {@code "sqlite"}. */
    String name();

    /**
     * The configuration keys this provider reads (all under {@code hive.<name>.}). The core rejects
     * any {@code hive.*} key that neither it nor an installed provider declares, so a typo fails
     * fast instead of being ignored; it also maps each key to its {@code HIVE_*} environment name.
     */
    default java.util.Set<String> configKeys() {
        return java.util.Set.of();
    }

    /** Whether this provider handles the URL, e.g. {@code sqlite:/data/hive.db}. Must not throw. */
    boolean accepts(String url);

    /**
     * The blob store URL a hive uses when {@code hive.blob.url} is not set, for a store whose data is
     * a local file: a folder beside it, so that each such store has blobs of its own. Garbage
     * collection deletes every blob its store does not name, so two stores sharing one folder would
     * delete each other's blobs. Empty (the default) leaves the core's default {@code file:.hive/blobs}.
     *
     * @param url a URL this provider {@linkplain #accepts accepts}
     * @throws dev.agenthive.api.error.InvalidInputException the URL is malformed
     */
    default java.util.Optional<String> blobUrlBeside(String url) {
        return java.util.Optional.empty();
    }

    /**
     * What this kind of store cannot hold exactly, so that a copy into it can refuse such rows before
     * writing anything (and a dry run can list them without opening the store). The default refuses
     * nothing.
     */
    default dev.agenthive.api.transfer.ValueRules valueRules() {
        return dev.agenthive.api.transfer.ValueRules.NONE;
    }

    /**
     * Opens (and, if {@link StorageSettings#migrate()} is set, migrates) the store. Fails closed:
     * a store that cannot be opened is an exception, never a fallback.
     *
     * @throws dev.agenthive.api.error.InvalidInputException       a setting is malformed
     * @throws dev.agenthive.api.error.StorageUnavailableException the store cannot be opened
     */
    HiveStore open(StorageSettings settings);
}
