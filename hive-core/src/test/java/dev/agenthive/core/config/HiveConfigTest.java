package dev.agenthive.core.config;

import dev.agenthive.api.error.InvalidInputException;
import dev.agenthive.api.event.Severity;
import dev.agenthive.core.provider.TwinAlphaStorageProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HiveConfigTest {
    @TempDir
    Path dir;

    @Test
    void defaultsApplyWhenNoSourceSetsAnything() {
        HiveConfig config = HiveConfig.builder().isolated().build();

        assertThat(config.storageUrl()).isEqualTo("sqlite:.hive/agent_hive.db");
        assertThat(config.migrate()).isTrue();
        assertThat(config.taskLease()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.taskBackoff().initial()).isEqualTo(Duration.ofSeconds(1));
        assertThat(config.taskBackoff().max()).isEqualTo(Duration.ofMinutes(5));
        assertThat(config.agentHeartbeatTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(config.messageVisibilityTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.jsonMaxDepth()).isEqualTo(64);
        assertThat(config.jsonMaxBytes()).isEqualTo(1_048_576);
        assertThat(config.memoryMaxValueBytes()).isEqualTo(1_048_576);
        assertThat(config.waitRecheckInterval()).isEqualTo(Duration.ofMillis(250));
        assertThat(config.maintenanceInterval()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.slowOperation()).isEqualTo(Duration.ofMillis(100));
        assertThat(config.eventRetention(Severity.DEBUG)).isEqualTo(Duration.ofDays(1));
        assertThat(config.eventRetention(Severity.INFO)).isEqualTo(Duration.ofDays(7));
        assertThat(config.eventRetention(Severity.WARNING)).isEqualTo(Duration.ofDays(30));
        assertThat(config.eventRetention(Severity.ERROR)).isEqualTo(Duration.ofDays(90));
        assertThat(config.eventRetention(Severity.CRITICAL)).isEqualTo(Duration.ofDays(365));
        assertThat(config.properties()).containsAllEntriesOf(HiveConfig.coreDefaults());
        assertThat(config.origin(HiveConfig.TASK_LEASE)).contains("default");
    }

    @Test
    void builderBeatsSystemPropertyBeatsEnvironmentBeatsFileBeatsDefault() throws IOException {
        Path file = write("hive.task.lease=11s\nhive.task.backoff.initial=2s\nhive.json.max-depth=7\nhive.json.max-bytes=4000\n");
        Properties system = new Properties();
        system.setProperty("hive.task.lease", "22s");
        system.setProperty("hive.task.backoff.initial", "3s");
        system.setProperty("java.home.unrelated", "ignored");
        Map<String, String> environment = Map.of(
                "HIVE_TASK_LEASE", "33s",
                "HIVE_TASK_BACKOFF_INITIAL", "4s",
                "HIVE_JSON_MAX_DEPTH", "9",
                "PATH", "/usr/bin");

        HiveConfig config = HiveConfig.builder()
                .configFile(file)
                .systemProperties(system)
                .environment(environment)
                .set(HiveConfig.TASK_LEASE, "44s")
                .build();

        assertThat(config.taskLease()).isEqualTo(Duration.ofSeconds(44));
        assertThat(config.taskBackoff().initial()).isEqualTo(Duration.ofSeconds(3));
        assertThat(config.jsonMaxDepth()).isEqualTo(9);
        assertThat(config.jsonMaxBytes()).isEqualTo(4000);
        assertThat(config.messageVisibilityTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.origin(HiveConfig.TASK_LEASE)).contains("builder");
        assertThat(config.origin(HiveConfig.TASK_BACKOFF_INITIAL)).contains("system property");
        assertThat(config.origin(HiveConfig.JSON_MAX_DEPTH)).contains("environment HIVE_JSON_MAX_DEPTH");
        assertThat(config.origin(HiveConfig.JSON_MAX_BYTES)).hasValueSatisfying(o -> assertThat(o).startsWith("file "));
    }

    @Test
    void providerKeysAreKnownInEverySource() {
        HiveConfig config = HiveConfig.builder().isolated()
                .environment(Map.of("HIVE_TWIN_MODE", "mirror")).build();

        assertThat(config.get(TwinAlphaStorageProvider.MODE_KEY)).contains("mirror");
        assertThat(config.properties()).containsEntry(TwinAlphaStorageProvider.MODE_KEY, "mirror");
    }

    @Test
    void badValuesFailNamingKeyRuleAndOrigin() {
        assertInvalid(HiveConfig.JSON_MAX_DEPTH, "deep", "must be a whole number");
        assertInvalid(HiveConfig.JSON_MAX_BYTES, "0", "must be positive");
        assertInvalid(HiveConfig.MEMORY_MAX_VALUE_BYTES, "-1", "must be positive");
        assertInvalid(HiveConfig.TASK_LEASE, "-5s", "must not be negative");
        assertInvalid(HiveConfig.TASK_LEASE, "0", "must be a positive duration");
        assertInvalid(HiveConfig.WAIT_RECHECK_INTERVAL, "soon", "must be a duration");
        assertInvalid(HiveConfig.STORAGE_MIGRATE, "yes", "must be true or false");
        assertInvalid(HiveConfig.STORAGE_URL, " ", "must not be blank");
        assertInvalid(HiveConfig.retentionKey(Severity.INFO), "7 days", "must be a duration");
        assertInvalid(HiveConfig.TASK_BACKOFF_MAX, "500ms", "must not be less than hive.task.backoff.initial");
        assertInvalid(HiveConfig.SLOW_OPERATION, "-1s", "must not be negative");
        assertInvalid(HiveConfig.SLOW_OPERATION, "100", "must be a duration");
    }

    @Test
    void aBadValueFromTheEnvironmentNamesItsOrigin() {
        assertThatThrownBy(() -> HiveConfig.builder().isolated().environment(Map.of("HIVE_TASK_LEASE", "forever")).build())
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.field()).isEqualTo(HiveConfig.TASK_LEASE);
                    assertThat(e.rule()).contains("environment HIVE_TASK_LEASE").contains("forever");
                });
    }

    @Test
    void aZeroMaintenanceIntervalDisablesMaintenance() {
        HiveConfig config = HiveConfig.builder().isolated().maintenanceInterval(Duration.ZERO).build();

        assertThat(config.maintenanceInterval()).isZero();
    }

    @Test
    void aZeroSlowOperationThresholdTurnsTheLogOff() {
        HiveConfig config = HiveConfig.builder().isolated().set(HiveConfig.SLOW_OPERATION, Duration.ZERO).build();

        assertThat(config.slowOperation()).isZero();
    }

    @Test
    void toStringMasksSecretsAndUrlCredentials() {
        HiveConfig config = HiveConfig.builder().isolated().storageUrl("twin://me:pw@host/db").build();

        assertThat(config.toString()).contains("twin://me:***@host/db").doesNotContain(":pw@");
    }

    private void assertInvalid(String key, String value, String rule) {
        assertThatThrownBy(() -> HiveConfig.builder().isolated().set(key, value).build())
                .as("%s=%s", key, value)
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.field()).isEqualTo(key);
                    assertThat(e.rule()).contains(rule).contains("builder");
                });
    }

    private Path write(String content) throws IOException {
        Path file = Files.createTempFile(dir, "hive", ".properties");
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }
}
