package dev.agenthive.core.config;

import dev.agenthive.api.error.InvalidInputException;
import dev.agenthive.api.event.Severity;
import dev.agenthive.core.alert.AlertRule;
import dev.agenthive.core.alert.AlertSource;
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

/** The alert rules in the configuration: the defaults shipped on, overrides, and every bad key or value named. */
class AlertConfigTest {
    @TempDir
    Path dir;

    @Test
    void fourRulesAreOnByDefault() {
        HiveConfig config = HiveConfig.builder().isolated().build();

        assertThat(config.alertRules()).containsExactly(
                new AlertRule("crashed-agents", new AlertSource(AlertSource.Kind.QUERY, "agents.crashed"), 0, 0,
                        Duration.ofMinutes(15), Severity.WARNING),
                new AlertRule("dead-letters", new AlertSource(AlertSource.Kind.QUERY, "tasks.dead"), 0, 0,
                        Duration.ofMinutes(15), Severity.WARNING),
                new AlertRule("error-rate", new AlertSource(AlertSource.Kind.QUERY, "events.errors"), 10, 5,
                        Duration.ofMinutes(5), Severity.WARNING),
                new AlertRule("queue-depth", new AlertSource(AlertSource.Kind.QUERY, "queue.depth"), 1000, 500,
                        Duration.ofMinutes(5), Severity.WARNING));
    }

    @Test
    void aDefaultRuleCanBeChangedOrTurnedOffAndNewOnesAdded() {
        HiveConfig config = HiveConfig.builder().isolated()
                .set("hive.alert.queue-depth.threshold", "50")
                .set("hive.alert.error-rate.enabled", "false")
                .set("hive.alert.dead-letters.enabled", "FALSE")
                .set("hive.alert.crashed-agents.enabled", "false")
                .set("hive.alert.slow-ops.source", "query:operations.slow")
                .set("hive.alert.slow-ops.threshold", "0.5")
                .set("hive.alert.slow-ops.clear", "0")
                .set("hive.alert.slow-ops.window", "90s")
                .set("hive.alert.slow-ops.severity", "error")
                .build();

        assertThat(config.alertRules()).containsExactly(
                new AlertRule("queue-depth", new AlertSource(AlertSource.Kind.QUERY, "queue.depth"), 50, 25,
                        Duration.ofMinutes(5), Severity.WARNING),
                new AlertRule("slow-ops", new AlertSource(AlertSource.Kind.QUERY, "operations.slow"), 0.5, 0,
                        Duration.ofSeconds(90), Severity.ERROR));
    }

    @Test
    void alertKeysComeFromTheEnvironmentFilesAndSystemPropertiesToo() throws IOException {
        Path file = dir.resolve("hive.properties");
        Files.writeString(file, "hive.alert.from-file.source=meter:hive.operation.slow\nhive.alert.from-file.threshold=3\n",
                StandardCharsets.UTF_8);
        Properties system = new Properties();
        system.setProperty("hive.alert.from-system.source", "query:queue.depth");
        system.setProperty("hive.alert.from-system.threshold", "7");

        HiveConfig config = HiveConfig.builder().configFile(file).systemProperties(system)
                .environment(Map.of("HIVE_ALERT_FROM_ENV_SOURCE", "query:events.errors",
                        "HIVE_ALERT_FROM_ENV_THRESHOLD", "2",
                        "HIVE_ALERT_QUEUE_DEPTH_ENABLED", "false"))
                .build();

        assertThat(config.alertRules()).extracting(AlertRule::name)
                .containsExactly("crashed-agents", "dead-letters", "error-rate", "from-env", "from-file", "from-system");
        assertThat(config.origin("hive.alert.from-env.threshold")).contains("environment HIVE_ALERT_FROM_ENV_THRESHOLD");
        assertThat(config.alertRules()).filteredOn(rule -> rule.name().equals("from-file")).singleElement()
                .satisfies(rule -> assertThat(rule.source()).isEqualTo(
                        new AlertSource(AlertSource.Kind.METER, "hive.operation.slow")));
    }

    @Test
    void everyBadAlertKeyOrValueFailsNamingTheKey() {
        assertInvalid(Map.of("hive.alert.deep.treshold", "5"), "hive.alert.deep.treshold",
                "is not a known configuration key");
        assertInvalid(Map.of("hive.alert.deep", "5"), "hive.alert.deep", "is not a known configuration key");
        assertInvalid(Map.of("hive.alert.Deep_Queue.threshold", "5"), "hive.alert.Deep_Queue.threshold",
                "lower-case letters, digits and '-'");
        assertInvalid(Map.of("hive.alert.queue-depth.threshold", "five"), "hive.alert.queue-depth.threshold",
                "must be a number");
        assertInvalid(Map.of("hive.alert.queue-depth.threshold", "-1"), "hive.alert.queue-depth.threshold",
                "at least 0");
        assertInvalid(Map.of("hive.alert.queue-depth.threshold", "NaN"), "hive.alert.queue-depth.threshold",
                "must be a number");
        assertInvalid(Map.of("hive.alert.queue-depth.clear", "2000"), "hive.alert.queue-depth.clear",
                "must not be above hive.alert.queue-depth.threshold");
        assertInvalid(Map.of("hive.alert.queue-depth.window", "soon"), "hive.alert.queue-depth.window",
                "must be a duration");
        assertInvalid(Map.of("hive.alert.queue-depth.window", "0"), "hive.alert.queue-depth.window",
                "must be a positive duration");
        assertInvalid(Map.of("hive.alert.queue-depth.severity", "loud"), "hive.alert.queue-depth.severity",
                "must be one of");
        assertInvalid(Map.of("hive.alert.queue-depth.enabled", "no"), "hive.alert.queue-depth.enabled",
                "must be true or false");
        assertInvalid(Map.of("hive.alert.queue-depth.source", "query:queue.length"), "hive.alert.queue-depth.source",
                "queue.depth, tasks.dead, agents.crashed, events.errors, operations.slow");
        assertInvalid(Map.of("hive.alert.queue-depth.source", "sql:SELECT 1"), "hive.alert.queue-depth.source",
                "must be query:<name>");
        assertInvalid(Map.of("hive.alert.queue-depth.source", "meter: "), "hive.alert.queue-depth.source",
                "must name a meter");
        assertInvalid(Map.of("hive.alert.lonely.threshold", "3"), "hive.alert.lonely.source", "must be set");
        assertInvalid(Map.of("hive.alert.lonely.source", "query:queue.depth"), "hive.alert.lonely.threshold",
                "must be set");
    }

    @Test
    void aTurnedOffRuleIsStillChecked() {
        assertInvalid(Map.of("hive.alert.queue-depth.enabled", "false", "hive.alert.queue-depth.threshold", "many"),
                "hive.alert.queue-depth.threshold", "must be a number");
    }

    @Test
    void anUnknownAlertFieldInAFileNamesTheFile() throws IOException {
        Path file = dir.resolve("alerts.properties");
        Files.writeString(file, "hive.alert.deep.thresold=5\n", StandardCharsets.UTF_8);

        assertThatThrownBy(() -> HiveConfig.builder().isolated().configFile(file).build())
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.field()).isEqualTo("hive.alert.deep.thresold");
                    assertThat(e.rule()).contains("file " + file.toAbsolutePath().normalize())
                            .contains("[source, threshold, clear, window, severity, enabled]");
                });
    }

    private static void assertInvalid(Map<String, String> keys, String key, String rule) {
        HiveConfig.Builder builder = HiveConfig.builder().isolated();
        keys.forEach(builder::set);
        assertThatThrownBy(builder::build)
                .as("%s", keys)
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.field()).isEqualTo(key);
                    assertThat(e.rule()).contains(rule);
                });
    }
}
