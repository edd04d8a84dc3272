package dev.agenthive.store.sqlite;

import dev.agenthive.api.error.InvalidInputException;
import dev.agenthive.api.spi.StorageProvider;
import dev.agenthive.api.spi.StorageSettings;
import dev.agenthive.api.store.HiveStore;
import dev.agenthive.store.jdbc.JsonLimits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** URL parsing, the provider's keys and its fail-closed configuration errors. */
class SqliteProviderConfigurationTest {

    @TempDir
    Path dir;

    private final StorageProvider provider = Stores.provider();

    @Test
    void acceptsOnlySqliteUrlsAndNeverThrows() {
        assertThat(provider.accepts("sqlite:/tmp/a.db")).isTrue();
        assertThat(provider.accepts("jdbc:sqlite:relative.db")).isTrue();
        assertThat(provider.accepts("SQLite:x.db")).isTrue();
        assertThat(provider.accepts("postgresql://host/db")).isFalse();
        assertThat(provider.accepts("jdbc:postgresql://host/db")).isFalse();
        assertThat(provider.accepts("")).isFalse();
        assertThat(provider.accepts(null)).isFalse();
        assertThat(provider.name()).isEqualTo("sqlite");
        assertThat(provider.configKeys()).contains("hive.sqlite.synchronous", "hive.sqlite.busy-timeout",
                "hive.sqlite.read-pool-size", "hive.sqlite.max-batch", "hive.sqlite.write-retry-timeout",
                "hive.sqlite.wal-size-limit").allSatisfy(key -> assertThat(key).startsWith("hive.sqlite."));
    }

    @Test
    void pathsAreResolvedToAbsoluteNormalisedFilesWithTheirDirectories() {
        Path nested = dir.resolve("a/b/../c/hive.db");
        try (HiveStore store = provider.open(settings("sqlite:" + nested, Map.of()))) {
            Path expected = dir.resolve("a/c/hive.db").toAbsolutePath().normalize();
            assertThat(store.location()).isEqualTo("sqlite:" + expected);
            assertThat(Files.isRegularFile(expected)).isTrue();
            assertThat(store.health().healthy()).isTrue();
        }
        try (HiveStore store = provider.open(settings("jdbc:sqlite:" + dir.resolve("j.db"), Map.of()))) {
            assertThat(store.location()).isEqualTo("sqlite:" + dir.resolve("j.db").toAbsolutePath().normalize());
        }
        assertThat(SqliteUrl.parse("sqlite:rel/x.db").path())
                .isEqualTo(Path.of("rel/x.db").toAbsolutePath().normalize());
    }

    @Test
    void urlsWithoutAFileAreRefusedNamingTheField() {
        for (String url : new String[] {"sqlite:", "jdbc:sqlite:", "sqlite:   ", "sqlite::memory:",
                "jdbc:sqlite:file:x.db?mode=memory", "sqlite:x.db?cache=shared", "postgresql://x"}) {
            assertThatThrownBy(() -> provider.open(settings(url, Map.of())), url)
                    .isInstanceOfSatisfying(InvalidInputException.class,
                            e -> assertThat(e.field()).isEqualTo("hive.storage.url"));
        }
        assertThat(dir).isEmptyDirectory();
    }

    @Test
    void unknownKeysAndBadValuesFailNamingTheKey() {
        Map<String, String> bad = Map.of(
                "hive.sqlite.synchronus", "FULL",
                "hive.sqlite.synchronous", "OFF",
                "hive.sqlite.busy-timeout", "soon",
                "hive.sqlite.read-pool-size", "0",
                "hive.sqlite.max-batch", "-1",
                "hive.sqlite.write-retry-timeout", "-5",
                "hive.sqlite.wal-size-limit", "1024",
                "hive.blob.max-bytes", "0");
        bad.forEach((key, value) -> assertThatThrownBy(
                () -> provider.open(settings("sqlite:" + dir.resolve("x.db"), Map.of(key, value))), key)
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo(key)));
        assertThat(dir).isEmptyDirectory();
    }

    @Test
    void validValuesAreReadAndOtherProvidersKeysIgnored() {
        SqliteStoreConfig config = SqliteStoreConfig.from(Map.of(
                "hive.sqlite.synchronous", "full",
                "hive.sqlite.busy-timeout", "2s",
                "hive.sqlite.read-pool-size", "8",
                "hive.sqlite.max-batch", "64",
                "hive.sqlite.write-retry-timeout", "1500ms",
                "hive.sqlite.wal-size-limit", "4194304",
                "hive.blob.max-bytes", "1048576",
                "hive.json.max-depth", "7",
                "hive.storage.url", "sqlite:x.db",
                "hive.postgresql.pool-size", "10"));
        assertThat(config).isEqualTo(new SqliteStoreConfig(SqliteStoreConfig.Synchronous.FULL, Duration.ofSeconds(2),
                8, 64, Duration.ofMillis(1500), 4L * 1024 * 1024, 1024 * 1024, new JsonLimits(7, 1024 * 1024)));
        assertThat(SqliteStoreConfig.from(Map.of())).isEqualTo(SqliteStoreConfig.defaults());
        assertThat(SqliteStoreConfig.defaults().synchronous()).isEqualTo(SqliteStoreConfig.Synchronous.NORMAL);
        assertThat(SqliteStoreConfig.defaults().busyTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(SqliteStoreConfig.defaults().writeRetryTimeout()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void durationsUseTheGrammarOfEveryKey() {
        SqliteStoreConfig config = SqliteStoreConfig.from(Map.of(
                SqliteStoreConfig.BUSY_TIMEOUT, "PT1M", SqliteStoreConfig.WRITE_RETRY_TIMEOUT, "1h"));

        assertThat(config.busyTimeout()).isEqualTo(Duration.ofMinutes(1));
        assertThat(config.writeRetryTimeout()).isEqualTo(Duration.ofHours(1));
        assertThatThrownBy(() -> SqliteStoreConfig.from(Map.of(SqliteStoreConfig.BUSY_TIMEOUT, "5000")))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.field()).isEqualTo(SqliteStoreConfig.BUSY_TIMEOUT);
                    assertThat(e.rule()).startsWith("must be a duration such as PT30S, 500ms");
                });
    }

    @Test
    void aDirectoryIsNoDatabase() {
        assertThatThrownBy(() -> provider.open(settings("sqlite:" + dir, Map.of())))
                .isInstanceOf(dev.agenthive.api.error.StorageUnavailableException.class)
                .hasMessageContaining("is a directory");
    }

    @Test
    void withoutMigrationAnUnmigratedFileFailsAtOpen() {
        String url = "sqlite:" + dir.resolve("plain.db");
        assertThatThrownBy(() -> provider.open(new StorageSettings(url, false, Map.of(), Clock.systemUTC())))
                .isInstanceOf(dev.agenthive.api.error.StorageUnavailableException.class)
                .hasMessageContaining("not migrated");
        provider.open(settings(url, Map.of())).close();
        try (HiveStore store = provider.open(new StorageSettings(url, false, Map.of(), Clock.systemUTC()))) {
            assertThat(store.health().healthy()).isTrue();
        }
    }

    private static StorageSettings settings(String url, Map<String, String> properties) {
        return new StorageSettings(url, true, properties, Clock.systemUTC());
    }
}
