package dev.agenthive.core.config;

import dev.agenthive.api.error.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConfigSourcesTest {
    private static final ConfigKeys KEYS = ConfigKeys.withProviderKeys(Set.of());

    @TempDir
    Path dir;

    @Test
    void builderBeatsSystemPropertyBeatsEnvironmentBeatsFileBeatsDefault() throws IOException {
        Path file = write("hive.task.lease=11s\nhive.task.backoff.initial=2s\nhive.json.max-depth=7\nhive.json.max-bytes=4000\n");
        Properties system = properties(Map.of("hive.task.lease", "22s", "hive.task.backoff.initial", "3s",
                "java.home.unrelated", "ignored"));
        Map<String, String> environment = Map.of(
                "HIVE_TASK_LEASE", "33s",
                "HIVE_TASK_BACKOFF_INITIAL", "4s",
                "HIVE_JSON_MAX_DEPTH", "9",
                "PATH", "/usr/bin");
        Map<String, String> explicit = Map.of(HiveConfig.TASK_LEASE, "44s", HiveConfig.CONFIG_FILE, file.toString());

        ConfigValues resolved = new ConfigSources(KEYS, explicit, environment, system, true).resolve();

        assertThat(resolved.values())
                .containsEntry(HiveConfig.TASK_LEASE, "44s")
                .containsEntry(HiveConfig.TASK_BACKOFF_INITIAL, "3s")
                .containsEntry(HiveConfig.JSON_MAX_DEPTH, "9")
                .containsEntry(HiveConfig.JSON_MAX_BYTES, "4000")
                .containsEntry(HiveConfig.MESSAGE_VISIBILITY_TIMEOUT, "30s")
                .doesNotContainKey("java.home.unrelated");
        assertThat(resolved.origins())
                .containsEntry(HiveConfig.TASK_LEASE, "builder")
                .containsEntry(HiveConfig.TASK_BACKOFF_INITIAL, "system property")
                .containsEntry(HiveConfig.JSON_MAX_DEPTH, "environment HIVE_JSON_MAX_DEPTH")
                .containsEntry(HiveConfig.JSON_MAX_BYTES, "file " + file.toAbsolutePath())
                .containsEntry(HiveConfig.MESSAGE_VISIBILITY_TIMEOUT, "default");
    }

    @Test
    void theConfigFileCanBeNamedByASystemPropertyOrTheEnvironment() throws IOException {
        Path file = write("hive.storage.url=sqlite:/from/file.db\n");

        ConfigValues viaSystem = new ConfigSources(KEYS, Map.of(), Map.of(),
                properties(Map.of(HiveConfig.CONFIG_FILE, file.toString())), true).resolve();
        ConfigValues viaEnvironment = new ConfigSources(KEYS, Map.of(),
                Map.of("HIVE_CONFIG_FILE", file.toString()), new Properties(), true).resolve();

        assertThat(viaSystem.values()).containsEntry(HiveConfig.STORAGE_URL, "sqlite:/from/file.db");
        assertThat(viaEnvironment.values()).containsEntry(HiveConfig.STORAGE_URL, "sqlite:/from/file.db");
    }

    @Test
    void noFileIsReadWhenFilesAreOff() throws IOException {
        Path file = write("hive.storage.url=sqlite:/from/file.db\n");

        ConfigValues resolved = new ConfigSources(KEYS, Map.of(), Map.of("HIVE_CONFIG_FILE", file.toString()),
                new Properties(), false).resolve();

        assertThat(resolved.values()).containsEntry(HiveConfig.STORAGE_URL, "sqlite:.hive/agent_hive.db");
    }

    @Test
    void anUnknownSystemPropertyFailsNamingTheCloseMatch() {
        ConfigSources sources = new ConfigSources(KEYS, Map.of(), Map.of(),
                properties(Map.of("hive.storage.uri", "sqlite:x")), false);

        assertThatThrownBy(sources::resolve)
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.field()).isEqualTo("hive.storage.uri");
                    assertThat(e.rule()).contains("system property").contains("hive.storage.url");
                });
    }

    @Test
    void anUnknownBuilderKeyFails() {
        ConfigSources sources = new ConfigSources(KEYS, Map.of("hive.task.leese", "5s"), Map.of(), new Properties(), false);

        assertThatThrownBy(sources::resolve)
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.field()).isEqualTo("hive.task.leese");
                    assertThat(e.rule()).contains("(from builder)").contains("did you mean hive.task.lease");
                });
    }

    @Test
    void unknownAndTestEnvironmentVariablesAreSkippedBecauseTheEnvironmentIsShared() {
        ConfigValues resolved = new ConfigSources(KEYS, Map.of(),
                Map.of("HIVE_HOME", "/opt/apache-hive", "HIVE_STORAGE_URI", "x", "HIVE_TEST_POSTGRES_URL", "y"),
                new Properties(), false).resolve();

        assertThat(resolved.values()).isEqualTo(HiveConfig.coreDefaults());
    }

    @Test
    void anUnknownKeyInTheFileFails() throws IOException {
        Path file = write("hive.json.max-depht=3\n");

        assertThatThrownBy(() -> fromFile(file).resolve())
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.field()).isEqualTo("hive.json.max-depht");
                    assertThat(e.rule()).contains("file " + file.toAbsolutePath()).contains("hive.json.max-depth");
                });
    }

    @Test
    void aMissingExplicitConfigFileFails() {
        Path missing = dir.resolve("nope.properties");

        assertThatThrownBy(() -> fromFile(missing).resolve())
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.field()).isEqualTo(HiveConfig.CONFIG_FILE);
                    assertThat(e.rule()).contains("existing file").contains("nope.properties");
                });
    }

    @Test
    void theConfigFileCannotNameAnotherConfigFile() throws IOException {
        Path file = write("hive.config.file=/elsewhere\n");

        assertThatThrownBy(() -> fromFile(file).resolve())
                .isInstanceOfSatisfying(InvalidInputException.class,
                        e -> assertThat(e.field()).isEqualTo(HiveConfig.CONFIG_FILE));
    }

    private static ConfigSources fromFile(Path file) {
        return new ConfigSources(KEYS, Map.of(HiveConfig.CONFIG_FILE, file.toString()), Map.of(), new Properties(), true);
    }

    private static Properties properties(Map<String, String> entries) {
        Properties properties = new Properties();
        properties.putAll(entries);
        return properties;
    }

    private Path write(String content) throws IOException {
        Path file = Files.createTempFile(dir, "hive", ".properties");
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }
}
