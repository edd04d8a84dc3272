package dev.agenthive.core.provider;

import dev.agenthive.api.error.ErrorCode;
import dev.agenthive.api.error.HiveException;
import dev.agenthive.api.error.StorageUnavailableException;
import dev.agenthive.api.spi.StorageProvider;
import dev.agenthive.api.spi.StorageSettings;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StorageProvidersTest {
    private final ClassLoader loader = getClass().getClassLoader();

    @Test
    void aBrokenProviderIsListedAsUnusableWhileTheOthersStayUsable() {
        StorageProviders providers = StorageProviders.discover(loader, List.of());

        assertThat(providers.providers()).extracting(StorageProvider::name)
                .contains("twin-alpha", "twin-beta", "failing")
                .doesNotContain("broken", "future");
        assertThat(providers.unusable())
                .anySatisfy(line -> assertThat(line).contains(BrokenStorageProvider.class.getName())
                        .contains("broken on purpose"))
                .anySatisfy(line -> assertThat(line).contains("future (" + FutureSpiStorageProvider.class.getName())
                        .contains("SPI version " + (StorageProvider.SPI_VERSION + 1)));
    }

    @Test
    void anUnknownSchemeNamesTheRedactedUrlAndListsTheProvidersFound() {
        StorageProviders providers = StorageProviders.discover(loader, List.of());

        assertThatThrownBy(() -> providers.select("nosuch://alice:s3cret@db.example/hive?password=hunter2"))
                .isInstanceOfSatisfying(HiveException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.CONFIGURATION);
                    assertThat(e.getMessage())
                            .contains("nosuch://alice:***@db.example/hive?password=***")
                            .doesNotContain("s3cret").doesNotContain("hunter2")
                            .contains("twin-alpha (" + TwinAlphaStorageProvider.class.getName() + ")")
                            .contains("failing (" + FailingStorageProvider.class.getName() + ")")
                            .contains("Unusable:").contains(BrokenStorageProvider.class.getName());
                });
    }

    @Test
    void twoProvidersAcceptingTheSameUrlIsAnErrorListingBoth() {
        StorageProviders providers = StorageProviders.discover(loader, List.of());

        assertThatThrownBy(() -> providers.select("twin:/data"))
                .isInstanceOfSatisfying(HiveException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.CONFIGURATION);
                    assertThat(e.getMessage()).contains("Several")
                            .contains("twin-alpha (" + TwinAlphaStorageProvider.class.getName() + ")")
                            .contains("twin-beta (" + TwinBetaStorageProvider.class.getName() + ")");
                });
    }

    @Test
    void aProviderOfAnotherSpiVersionIsNeverSelected() {
        StorageProviders providers = StorageProviders.discover(loader, List.of());

        assertThatThrownBy(() -> providers.select("future:/x"))
                .isInstanceOfSatisfying(HiveException.class, e -> assertThat(e.getMessage())
                        .contains("No storage provider accepts").contains("SPI version"));
    }

    @Test
    void openFailsClosedAndWrapsAForeignExceptionAsStorageUnavailable() {
        StorageProviders providers = StorageProviders.discover(loader, List.of());
        StorageSettings settings = new StorageSettings("failing:/x", true, Map.of(), Clock.systemUTC());

        assertThatThrownBy(() -> providers.open(settings))
                .isInstanceOf(StorageUnavailableException.class)
                .hasMessageContaining("failing (" + FailingStorageProvider.class.getName() + ")")
                .hasMessageContaining("disk on fire")
                .hasCauseInstanceOf(IllegalStateException.class);
    }

    @Test
    void explicitProvidersComeFirstAndTheSameClassCountsOnce() {
        TwinAlphaStorageProvider bound = new TwinAlphaStorageProvider();

        StorageProviders providers = StorageProviders.discover(loader, List.of(bound));

        assertThat(providers.providers().get(0)).isSameAs(bound);
        assertThat(providers.providers()).filteredOn(p -> p instanceof TwinAlphaStorageProvider).hasSize(1);
        assertThat(providers.configKeys()).contains(TwinAlphaStorageProvider.MODE_KEY);
    }

    @Test
    void redactionMasksSecretsButKeepsTheRest() {
        assertThat(Redaction.url("postgresql://bob:pw@host:5432/db?user=bob&token=abc&ssl=true"))
                .isEqualTo("postgresql://bob:***@host:5432/db?user=bob&token=***&ssl=true");
        assertThat(Redaction.url("sqlite:/tmp/hive.db")).isEqualTo("sqlite:/tmp/hive.db");
        assertThat(Redaction.setting("hive.postgresql.password", "pw")).isEqualTo("***");
    }
}
