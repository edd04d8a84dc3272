package dev.agenthive.store.postgres;

import dev.agenthive.api.error.InvalidInputException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PostgresStoreConfigTest {

    @Test
    void readsItsKeysOverTheDefaultsAndIgnoresOtherProviders() {
        PostgresStoreConfig config = PostgresStoreConfig.from(Map.of(
                PostgresStoreConfig.POOL_SIZE, "24",
                PostgresStoreConfig.SOCKET_TIMEOUT, "5s",
                PostgresStoreConfig.RETRY_TIMEOUT, "1500ms",
                "hive.sqlite.synchronous", "FULL"));

        assertThat(config.poolSize()).isEqualTo(24);
        assertThat(config.socketTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.retryTimeout()).isEqualTo(Duration.ofMillis(1500));
        assertThat(config.connectTimeout()).isEqualTo(PostgresStoreConfig.defaults().connectTimeout());
    }

    @Test
    void anUnknownKeyIsNamed() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> PostgresStoreConfig.from(Map.of("hive.postgresql.pool-sise", "4")));

        assertThat(e.field()).isEqualTo("hive.postgresql.pool-sise");
    }

    @Test
    void badValuesAreNamedNeverClamped() {
        assertField(PostgresStoreConfig.POOL_SIZE, "0");
        assertField(PostgresStoreConfig.POOL_SIZE, "many");
        assertField(PostgresStoreConfig.SOCKET_TIMEOUT, "0");
        assertField(PostgresStoreConfig.SOCKET_TIMEOUT, "-3s");
        assertField(PostgresStoreConfig.CONNECT_TIMEOUT, "2h");
        assertField(PostgresStoreConfig.RETRY_TIMEOUT, "soon");
    }

    @Test
    void durationsUseTheGrammarOfEveryKey() {
        PostgresStoreConfig config = PostgresStoreConfig.from(Map.of(
                PostgresStoreConfig.SOCKET_TIMEOUT, "1h", PostgresStoreConfig.CONNECT_TIMEOUT, "PT45S"));

        assertThat(config.socketTimeout()).isEqualTo(Duration.ofHours(1));
        assertThat(config.connectTimeout()).isEqualTo(Duration.ofSeconds(45));
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> PostgresStoreConfig.from(Map.of(PostgresStoreConfig.RETRY_TIMEOUT, "5000")));
        assertThat(e.field()).isEqualTo(PostgresStoreConfig.RETRY_TIMEOUT);
        assertThat(e.rule()).startsWith("must be a duration such as PT30S, 500ms");
    }

    @Test
    void theProviderDeclaresEveryKey() {
        assertThat(new PostgresStorageProvider().configKeys()).containsExactlyInAnyOrderElementsOf(PostgresStoreConfig.KEYS);
        assertThat(PostgresStoreConfig.KEYS).allMatch(key -> key.startsWith("hive.postgresql."));
    }

    private static void assertField(String key, String value) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> PostgresStoreConfig.from(Map.of(key, value)));
        assertThat(e.field()).as("%s=%s", key, value).isEqualTo(key);
    }
}
