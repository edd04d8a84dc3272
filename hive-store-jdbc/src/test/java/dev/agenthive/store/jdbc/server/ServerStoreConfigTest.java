package dev.agenthive.store.jdbc.server;

import dev.agenthive.api.error.InvalidInputException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ServerStoreConfigTest {

    @Test
    void readsItsKeysOverTheDefaultsAndIgnoresOtherProviders() {
        ServerStoreConfig config = ServerStoreConfig.from("example", "Example", Map.of(
                "hive.example.pool-size", "24",
                "hive.example.socket-timeout", "5s",
                "hive.example.retry-timeout", "1500ms",
                "hive.example.idle-in-transaction-timeout", "3s",
                "hive.blob.max-bytes", "1048576",
                "hive.sqlite.synchronous", "FULL"));

        assertThat(config.provider()).isEqualTo("example");
        assertThat(config.poolSize()).isEqualTo(24);
        assertThat(config.socketTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.retryTimeout()).isEqualTo(Duration.ofMillis(1500));
        assertThat(config.idleInTransactionTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(config.connectTimeout()).isEqualTo(ServerStoreConfig.defaults("example").connectTimeout());
        assertThat(ServerStoreConfig.defaults("example").idleInTransactionTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(config.maxBlobBytes()).isEqualTo(1024 * 1024);
        assertThat(ServerStoreConfig.from("example", "Example", Map.of()).maxBlobBytes()).isEqualTo(256L << 20);
    }

    @Test
    void anUnknownKeyIsNamed() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> ServerStoreConfig.from("example", "Example", Map.of("hive.example.pool-sise", "4")));

        assertThat(e.field()).isEqualTo("hive.example.pool-sise");
        assertThat(e.getMessage()).contains("is not a setting of the Example store", "hive.example.pool-size");
    }

    @Test
    void badValuesAreNamedNeverClamped() {
        assertField("hive.example.pool-size", "0");
        assertField("hive.example.pool-size", "many");
        assertField("hive.example.socket-timeout", "0");
        assertField("hive.example.socket-timeout", "-3s");
        assertField("hive.example.connect-timeout", "2h");
        assertField("hive.example.retry-timeout", "soon");
        assertField("hive.example.idle-in-transaction-timeout", "500ms");
        assertField("hive.example.idle-in-transaction-timeout", "2d");
        assertField("hive.blob.max-bytes", "0");
        assertField("hive.blob.max-bytes", "lots");
    }

    @Test
    void durationsUseTheGrammarOfEveryKey() {
        ServerStoreConfig config = ServerStoreConfig.from("example", "Example", Map.of(
                "hive.example.socket-timeout", "1h", "hive.example.connect-timeout", "PT45S"));

        assertThat(config.socketTimeout()).isEqualTo(Duration.ofHours(1));
        assertThat(config.connectTimeout()).isEqualTo(Duration.ofSeconds(45));
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> ServerStoreConfig.from("example", "Example", Map.of("hive.example.retry-timeout", "5000")));
        assertThat(e.field()).isEqualTo("hive.example.retry-timeout");
        assertThat(e.rule()).startsWith("must be a duration such as PT30S, 500ms");
    }

    @Test
    void theKeysAreTheProvidersOwn() {
        assertThat(ServerStoreConfig.keys("example")).containsExactlyInAnyOrder("hive.example.pool-size",
                "hive.example.socket-timeout", "hive.example.connect-timeout", "hive.example.retry-timeout",
                "hive.example.idle-in-transaction-timeout");
    }

    private static void assertField(String key, String value) {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> ServerStoreConfig.from("example", "Example", Map.of(key, value)));
        assertThat(e.field()).as("%s=%s", key, value).isEqualTo(key);
    }
}
