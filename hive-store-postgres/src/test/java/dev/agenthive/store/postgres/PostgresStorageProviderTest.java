package dev.agenthive.store.postgres;

import dev.agenthive.api.error.InvalidInputException;
import dev.agenthive.api.spi.StorageSettings;
import dev.agenthive.store.jdbc.server.ServerStoreConfig;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PostgresStorageProviderTest {
    private final PostgresStorageProvider provider = new PostgresStorageProvider();

    @Test
    void declaresTheServerStoreKeysUnderItsName() {
        assertThat(provider.name()).isEqualTo("postgresql");
        assertThat(provider.configKeys()).containsExactlyInAnyOrderElementsOf(ServerStoreConfig.keys("postgresql"))
                .allMatch(key -> key.startsWith("hive.postgresql."));
    }

    @Test
    void aMisspeltKeyIsNamedBeforeAnythingConnects() {
        // Port 1 has no server: reaching it would be a StorageUnavailableException, not bad input.
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> provider.open(new StorageSettings(
                "postgresql://hive@127.0.0.1:1/hive", true, Map.of("hive.postgresql.pool-sise", "4"), Clock.systemUTC())));

        assertThat(e.field()).isEqualTo("hive.postgresql.pool-sise");
        assertThat(e.getMessage()).contains("is not a setting of the PostgreSQL store");
    }

    @Test
    void aBadUrlIsNamedBeforeTheSettings() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> provider.open(new StorageSettings(
                "postgresql://127.0.0.1/hive", true, Map.of("hive.postgresql.pool-size", "0"), Clock.systemUTC())));

        assertThat(e.field()).isEqualTo("hive.storage.url");
    }
}
