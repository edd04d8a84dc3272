package dev.agenthive.core.config;

import dev.agenthive.api.error.InvalidInputException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DurationsTest {

    @ParameterizedTest
    @CsvSource({
            "500ms, PT0.5S",
            "30s, PT30S",
            "5m, PT5M",
            "2h, PT2H",
            "1d, PT24H",
            "PT30S, PT30S",
            "pt1m30s, PT1M30S",
            "P1D, PT24H",
            "0, PT0S",
            "0s, PT0S",
            "' 45s ', PT45S"
    })
    void parsesIsoAndShortForms(String text, String expected) {
        assertThat(Durations.parse("hive.x", text)).isEqualTo(Duration.parse(expected));
    }

    @ParameterizedTest
    @ValueSource(strings = {"-5s", "-PT1S", "PT-1S"})
    void negativeDurationsAreRejected(String text) {
        assertThatThrownBy(() -> Durations.parse("hive.task.lease", text))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.field()).isEqualTo("hive.task.lease");
                    assertThat(e.rule()).contains("must not be negative");
                });
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "abc", "5", "5 s", "5sec", "1.5s", "10w", "999999999999999999d"})
    void malformedDurationsAreRejectedNamingTheKey(String text) {
        assertThatThrownBy(() -> Durations.parse("hive.task.lease", text))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.field()).isEqualTo("hive.task.lease");
                    assertThat(e.rule()).contains("must be a duration");
                });
    }

    @ParameterizedTest
    @ValueSource(strings = {"PT0.25S", "PT30S", "PT5M", "PT2H", "PT72H", "PT0.000001S"})
    void formatReadsBack(String iso) {
        Duration duration = Duration.parse(iso);
        assertThat(Durations.parse("hive.x", Durations.format(duration))).isEqualTo(duration);
    }
}
