package dev.agenthive.api.spi;

import dev.agenthive.api.error.InvalidInputException;
import org.junit.jupiter.api.Test;
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
            "1H, PT1H",
            "250MS, PT0.25S",
            "PT30S, PT30S",
            "pt1m30s, PT1M30S",
            "P1D, PT24H",
            "PT0.5S, PT0.5S",
            "0, PT0S",
            "0s, PT0S",
            "' 45s ', PT45S"
    })
    void parsesUnitsAndIso8601(String text, String expected) {
        assertThat(Durations.parse("hive.x", text)).isEqualTo(Duration.parse(expected));
    }

    @ParameterizedTest
    @ValueSource(strings = {"-5s", "-PT1S", "PT-1S", "-0"})
    void negativeDurationsAreRejectedNamingTheKey(String text) {
        assertThatThrownBy(() -> Durations.parse("hive.sqlite.busy-timeout", text))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.field()).isEqualTo("hive.sqlite.busy-timeout");
                    assertThat(e.rule()).isEqualTo("must not be negative, was '" + text + "'");
                });
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "abc", "5", "1500", "5 s", "5sec", "1.5s", "10w", "s", "ms5",
            "999999999999999999d", "1234567890123456789ms"})
    void malformedDurationsAreRejectedNamingTheKeyAndTheGrammar(String text) {
        assertThatThrownBy(() -> Durations.parse("hive.task.lease", text))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.field()).isEqualTo("hive.task.lease");
                    assertThat(e.rule()).isEqualTo("must be a duration such as PT30S, 500ms, 30s, 5m, 2h or 1d, was '"
                            + text + "'");
                });
    }

    @Test
    void aMissingValueIsMalformed() {
        assertThatThrownBy(() -> Durations.parse("hive.task.lease", null))
                .isInstanceOfSatisfying(InvalidInputException.class,
                        e -> assertThat(e.getMessage()).startsWith("hive.task.lease: must be a duration"));
    }

    @ParameterizedTest
    @CsvSource({"PT0S, 0", "PT0.25S, 250ms", "PT30S, 30s", "PT5M, 5m", "PT2H, 2h", "PT72H, 3d", "PT1M30S, 90s",
            "PT0.000001S, PT0.000001S"})
    void formatIsTheShortestTextThatReadsBack(String iso, String text) {
        Duration duration = Duration.parse(iso);

        assertThat(Durations.format(duration)).isEqualTo(text);
        assertThat(Durations.parse("hive.x", text)).isEqualTo(duration);
    }
}
