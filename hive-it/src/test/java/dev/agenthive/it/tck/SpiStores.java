package dev.agenthive.it.tck;

import dev.agenthive.api.blob.BlobStore;
import dev.agenthive.api.spi.BlobSettings;
import dev.agenthive.api.spi.BlobStoreProvider;
import dev.agenthive.api.spi.LargeContent;
import dev.agenthive.api.spi.StorageProvider;
import dev.agenthive.api.spi.StorageSettings;
import dev.agenthive.api.store.HiveStore;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Opens a store the way users do: through the SPI, by URL, with migration on. The providers are
 * found once, as one application finds them, so each parses its statements once for all the
 * stores the tests open.
 */
final class SpiStores {
    private static final List<StorageProvider> PROVIDERS = ServiceLoader.load(StorageProvider.class).stream()
            .map(ServiceLoader.Provider::get)
            .toList();

    private SpiStores() {
    }

    /** A migrated store from the one provider that accepts {@code url}; none or several fail the test. */
    static HiveStore open(String url) {
        return open(url, Map.of(), LargeContent.inRows());
    }

    /** {@link #open(String)} with these configuration keys, e.g. {@code hive.blob.max-bytes}. */
    static HiveStore open(String url, Map<String, String> properties) {
        return open(url, properties, LargeContent.inRows());
    }

    /** {@link #open(String)} on {@code clock}, which tests move to pass leases and TTLs without sleeping. */
    static HiveStore open(String url, Clock clock) {
        return open(url, Map.of(), LargeContent.inRows(), clock);
    }

    /** Like {@link #open(String)}, moving large content as {@code largeContent} says. */
    static HiveStore open(String url, LargeContent largeContent) {
        return open(url, Map.of(), largeContent);
    }

    private static HiveStore open(String url, Map<String, String> properties, LargeContent largeContent) {
        return open(url, properties, largeContent, Clock.systemUTC());
    }

    private static HiveStore open(String url, Map<String, String> properties, LargeContent largeContent, Clock clock) {
        List<StorageProvider> accepting = PROVIDERS.stream().filter(provider -> provider.accepts(url)).toList();
        assertThat(accepting).as("providers accepting %s", url).hasSize(1);
        return accepting.get(0).open(new StorageSettings(url, true, properties, clock, largeContent));
    }

    /** An empty blob store in {@code folder}, opened through the SPI. */
    static BlobStore openBlobStore(Path folder) {
        String url = "file:" + folder;
        return ServiceLoader.load(BlobStoreProvider.class).stream().map(ServiceLoader.Provider::get)
                .filter(provider -> provider.accepts(url)).findFirst()
                .orElseThrow(() -> new AssertionError("no blob store provider accepts " + url))
                .open(new BlobSettings(url, 64L << 20, Map.of(), Clock.systemUTC()));
    }
}
