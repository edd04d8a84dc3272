package dev.agenthive.core.config;

import dev.agenthive.api.spi.StorageProvider;
import dev.agenthive.api.spi.StorageSettings;
import dev.agenthive.api.store.HiveStore;
import dev.agenthive.core.provider.TwinAlphaStorageProvider;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class ProviderKeysTest {

    @Test
    void keysOfServiceLoaderAndExplicitProvidersAreBothFound() {
        Set<String> keys = ProviderKeys.discover(getClass().getClassLoader(), List.of(new ExplicitProvider()));

        assertThat(keys).contains(TwinAlphaStorageProvider.MODE_KEY, ExplicitProvider.KEY);
    }

    @Test
    void withoutALoaderTheContextLoaderIsSearched() {
        assertThat(ProviderKeys.discover(null, List.of())).contains(TwinAlphaStorageProvider.MODE_KEY);
    }

    /** A provider registered outside ServiceLoader, as a Guice Multibinder would hand it over. */
    private static final class ExplicitProvider implements StorageProvider {
        static final String KEY = "hive.explicit.mode";

        @Override
        public String name() {
            return "explicit";
        }

        @Override
        public Set<String> configKeys() {
            return Set.of(KEY);
        }

        @Override
        public boolean accepts(String url) {
            return false;
        }

        @Override
        public HiveStore open(StorageSettings settings) {
            throw new UnsupportedOperationException("never selected");
        }
    }
}
