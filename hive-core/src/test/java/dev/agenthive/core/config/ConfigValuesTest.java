package dev.agenthive.core.config;

import dev.agenthive.api.error.InvalidInputException;
import dev.agenthive.api.task.RetryBackoff;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConfigValuesTest {

    @ParameterizedTest(name = "{1}: {2}")
    @CsvSource(delimiter = '|', value = {
            "deep   | int      | must be a whole number up to 2147483647, was 'deep' (from environment HIVE_X)",
            "0      | int      | must be positive, was '0' (from environment HIVE_X)",
            "-1     | int      | must be positive, was '-1' (from environment HIVE_X)",
            "-5s    | duration | must not be negative, was '-5s' (from environment HIVE_X)",
            "0      | duration | must be a positive duration, was '0' (from environment HIVE_X)",
            "soon   | duration | must be a duration such as PT30S, 500ms, 30s, 5m, 2h or 1d, was 'soon' (from environment HIVE_X)",
            "5000   | duration | must be a duration such as PT30S, 500ms, 30s, 5m, 2h or 1d, was '5000' (from environment HIVE_X)",
            "yes    | bool     | must be true or false, was 'yes' (from environment HIVE_X)",
            "' '    | text     | must not be blank, was ' ' (from environment HIVE_X)"})
    void aBadValueNamesKeyRuleValueAndOrigin(String value, String type, String rule) {
        ConfigValues values = new ConfigValues(Map.of("hive.x", value), Map.of("hive.x", "environment HIVE_X"));
        Consumer<String> read = switch (type) {
            case "int" -> values::positiveInt;
            case "duration" -> values::positiveDuration;
            case "bool" -> values::bool;
            default -> values::notBlank;
        };

        assertThatThrownBy(() -> read.accept("hive.x"))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.field()).isEqualTo("hive.x");
                    assertThat(e.rule()).isEqualTo(rule);
                });
    }

    @Test
    void goodValuesAreReadTrimmed() {
        ConfigValues values = new ConfigValues(
                Map.of("hive.i", " 12 ", "hive.d", "PT1M", "hive.z", "0", "hive.b", "TRUE", "hive.t", " x "), Map.of());

        assertThat(values.positiveInt("hive.i")).isEqualTo(12);
        assertThat(values.positiveDuration("hive.d")).isEqualTo(Duration.ofMinutes(1));
        assertThat(values.duration("hive.z")).isZero();
        assertThat(values.bool("hive.b")).isTrue();
        assertThat(values.notBlank("hive.t")).isEqualTo("x");
    }

    @Test
    void aValueWithoutOriginCameFromTheDefaults() {
        ConfigValues values = new ConfigValues(Map.of("hive.x", "0"), Map.of());

        assertThatThrownBy(() -> values.positiveInt("hive.x")).hasMessageEndingWith("(from default)");
    }

    @Test
    void aBoundedNumberNamesItsBound() {
        ConfigValues values = new ConfigValues(Map.of("hive.n", "11"), Map.of("hive.n", "builder"));

        assertThat(values.positiveIntAtMost("hive.n", 11)).isEqualTo(11);
        assertThatThrownBy(() -> values.positiveIntAtMost("hive.n", 10))
                .isInstanceOfSatisfying(InvalidInputException.class,
                        e -> assertThat(e.rule()).isEqualTo("must be at most 10, was '11' (from builder)"));
    }

    @Test
    void aBackoffMaximumBelowItsFirstDelayNamesTheMaximum() {
        ConfigValues values = new ConfigValues(Map.of("hive.i", "1s", "hive.m", "500ms"), Map.of("hive.m", "builder"));

        assertThatThrownBy(() -> values.backoff("hive.i", "hive.m"))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.field()).isEqualTo("hive.m");
                    assertThat(e.rule()).isEqualTo("must not be less than hive.i (1s), was '500ms' (from builder)");
                });
        assertThat(new ConfigValues(Map.of("hive.i", "1s", "hive.m", "1s"), Map.of()).backoff("hive.i", "hive.m"))
                .isEqualTo(new RetryBackoff(Duration.ofSeconds(1), Duration.ofSeconds(1)));
    }
}
