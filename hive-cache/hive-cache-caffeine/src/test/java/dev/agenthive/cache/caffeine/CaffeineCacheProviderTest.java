package dev.agenthive.cache.caffeine;

import dev.agenthive.api.cache.Cache;
import dev.agenthive.api.error.InvalidInputException;
import dev.agenthive.api.spi.CacheProvider;
import dev.agenthive.api.spi.CacheSettings;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.Map;
import java.util.ServiceLoader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The provider: its name, the one URL it accepts, its registration and its configuration errors. */
class CaffeineCacheProviderTest {

    private final CacheProvider provider = new CaffeineCacheProvider();

    @Test
    void isFoundByTheServiceLoader() {
        assertThat(ServiceLoader.load(CacheProvider.class).stream().map(ServiceLoader.Provider::type))
                .contains(CaffeineCacheProvider.class);
    }

    @Test
    void isNamedCaffeineAndReadsNoKeys() {
        assertThat(provider.name()).isEqualTo("caffeine");
        assertThat(provider.configKeys()).isEmpty();
        assertThat(provider.spiVersion()).isEqualTo(CacheProvider.SPI_VERSION);
    }

    @Test
    void acceptsOnlyCaffeineColonAndNeverThrows() {
        assertThat(provider.accepts("caffeine:")).isTrue();
        assertThat(provider.accepts(" Caffeine: ")).isTrue();
        for (String url : new String[] {"caffeine", "caffeine:x", "caffeine://", "caffeine:/tmp", "caffeine: x",
                "redis://127.0.0.1:6379", "sqlite:x.db", "", "   ", null}) {
            assertThat(provider.accepts(url)).as("accepts(%s)", url).isFalse();
        }
    }

    @Test
    void opensAnInProcessCacheThatIsUp() {
        try (Cache cache = provider.open(settings("caffeine:", Map.of()))) {
            assertThat(cache.shared()).isFalse();
            assertThat(cache.health().status()).isEqualTo(dev.agenthive.api.cache.CacheHealth.Status.UP);
            assertThat(cache.health().provider()).isEqualTo("caffeine");
            assertThat(cache.health().location()).isEqualTo("caffeine:");
            assertThat(cache.health().details()).containsEntry("regions", "0").containsEntry("entries", "0");
        }
    }

    @Test
    void anyOtherUrlIsRefusedNamingTheUrlKey() {
        for (String url : new String[] {"caffeine:x", "caffeine://", "redis://127.0.0.1:6379"}) {
            assertThatThrownBy(() -> provider.open(settings(url, Map.of())), url)
                    .isInstanceOfSatisfying(InvalidInputException.class,
                            e -> assertThat(e.field()).isEqualTo("hive.cache.url"))
                    .hasMessageContaining(url);
        }
    }

    @Test
    void aKeyOfThisProviderIsRefusedSinceItReadsNone() {
        Map<String, String> properties = Map.of("hive.cache.caffeine.max-entries", "10", "hive.cache.url", "caffeine:");

        assertThatThrownBy(() -> provider.open(settings("caffeine:", properties)))
                .isInstanceOfSatisfying(InvalidInputException.class,
                        e -> assertThat(e.field()).isEqualTo("hive.cache.caffeine.max-entries"));
    }

    private static CacheSettings settings(String url, Map<String, String> properties) {
        return new CacheSettings(url, properties, Clock.systemUTC());
    }
}
