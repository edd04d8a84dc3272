package dev.agenthive.store.mariadb;

import dev.agenthive.api.error.InvalidInputException;
import dev.agenthive.api.spi.StorageProvider;
import dev.agenthive.api.spi.StorageSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.ServiceLoader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MariaDbStorageProviderTest {
    private final MariaDbStorageProvider provider = new MariaDbStorageProvider();

    @Test
    void isFoundThroughServiceLoaderUnderItsName() {
        assertThat(ServiceLoader.load(StorageProvider.class).stream().map(ServiceLoader.Provider::get))
                .anySatisfy(found -> {
                    assertThat(found).isInstanceOf(MariaDbStorageProvider.class);
                    assertThat(found.name()).isEqualTo("mariadb");
                });
    }

    @Test
    void acceptsItsThreeSchemesAndNothingElse() {
        assertThat(provider.accepts("mariadb://root@127.0.0.1:3306/test")).isTrue();
        assertThat(provider.accepts("jdbc:mariadb://db.example:3306/hive?user=u")).isTrue();
        assertThat(provider.accepts("JDBC:MYSQL://db.example/hive?user=u")).isTrue();
        assertThat(provider.accepts("postgresql://u@h/db")).isFalse();
        assertThat(provider.accepts("mysql://u@h/db")).isFalse();
        assertThat(provider.accepts(null)).isFalse();
    }

    @Test
    void allFormsParseToOneLocationWithoutThePassword() {
        MariaDbUrl own = MariaDbUrl.parse("mariadb://hive:s3cret@db.example/agents");
        MariaDbUrl jdbc = MariaDbUrl.parse("jdbc:mysql://db.example:3306/agents?user=hive&password=s3cret");

        assertThat(own).isEqualTo(jdbc);
        assertThat(own.location()).isEqualTo("mariadb://hive@db.example:3306/agents?sslMode=verify-full");
        assertThat(own.toString()).doesNotContain("s3cret");
        assertThat(own.jdbcUrl(1000, 2000, Duration.ofMillis(1500))).startsWith("jdbc:mariadb://db.example:3306/agents?")
                .contains("allowMultiQueries=true", "idle_transaction_timeout").doesNotContain("s3cret");
    }

    @Test
    void aLoopbackServerGoesWithoutTlsUnlessTheUrlSaysOtherwise() {
        assertThat(MariaDbUrl.parse("mariadb://root@127.0.0.1/test").sslMode()).isEqualTo("disable");
        assertThat(MariaDbUrl.parse("mariadb://root@localhost/test?sslMode=trust").sslMode()).isEqualTo("trust");
    }

    @ParameterizedTest
    @ValueSource(strings = {"mariadb://127.0.0.1/test", "mariadb://root@/test", "mariadb://root@h:99999/test",
            "mariadb://root@h1,h2/test", "mariadb://root@h/test?sslMode=maybe", "mariadb://root@h/",
            "mariadb://root@h/test?allowMultiQueries=false", "jdbc:mariadb:h/test"})
    void aBadUrlIsRefusedNamingTheSettingBeforeAnythingConnects(String url) {
        assertThatThrownBy(() -> provider.open(new StorageSettings(url, true, Map.of(), Clock.systemUTC())))
                .isInstanceOfSatisfying(InvalidInputException.class,
                        e -> assertThat(e.field()).isEqualTo("hive.storage.url"));
    }

    @Test
    void aPasswordNeverAppearsInARefusal() {
        assertThatThrownBy(() -> MariaDbUrl.parse("mariadb://root:top%zzsecret@h/test"))
                .isInstanceOf(InvalidInputException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("secret"));
    }
}
