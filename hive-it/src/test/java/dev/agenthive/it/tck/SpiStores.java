package dev.agenthive.it.tck;

import dev.agenthive.api.spi.StorageProvider;
import dev.agenthive.api.spi.StorageSettings;
import dev.agenthive.api.store.HiveStore;

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
        List<StorageProvider> accepting = PROVIDERS.stream().filter(provider -> provider.accepts(url)).toList();
        assertThat(accepting).as("providers accepting %s", url).hasSize(1);
        return accepting.get(0).open(new StorageSettings(url, true, Map.of(), Clock.systemUTC()));
    }
}
