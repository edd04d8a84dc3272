package dev.agenthive.core.config;

import dev.agenthive.api.error.InvalidInputException;
import dev.agenthive.api.session.UsageThresholds;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SessionConfigTest {

    @Test
    void defaultsAreSeventyFiveEightyFiveAndNinetyFivePercent() {
        HiveConfig config = HiveConfig.builder().isolated().build();

        assertThat(config.sessionThresholds()).isEqualTo(UsageThresholds.DEFAULTS);
        assertThat(config.sessionThresholds()).isEqualTo(new UsageThresholds(0.75, 0.85, 0.95));
        assertThat(config.sessionMaxTokens()).isEqualTo(200_000);
    }

    @Test
    void thresholdsComeFromEverySource() {
        HiveConfig config = HiveConfig.builder().isolated()
                .set(HiveConfig.SESSION_THRESHOLD_CONSOLIDATE, "0.6")
                .set(HiveConfig.SESSION_THRESHOLD_CRITICAL, " 0.8 ")
                .set(HiveConfig.SESSION_THRESHOLD_SLEEP, "1.0")
                .build();

        assertThat(config.sessionThresholds()).isEqualTo(new UsageThresholds(0.6, 0.8, 1.0));
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
            "hive.session.threshold.consolidate | 0      | must be above 0",
            "hive.session.threshold.consolidate | -0.1   | must be above 0",
            "hive.session.threshold.critical    | 0.75   | must be above hive.session.threshold.consolidate",
            "hive.session.threshold.critical    | 0.5    | must be above hive.session.threshold.consolidate",
            "hive.session.threshold.sleep       | 0.85   | must be above hive.session.threshold.critical",
            "hive.session.threshold.sleep       | 1.01   | must be at most 1",
            "hive.session.threshold.sleep       | 95%    | must be a decimal number",
            "hive.session.threshold.sleep       | NaN    | must be a decimal number",
            "hive.session.threshold.critical    | 0.9d   | must be a decimal number",
            "hive.session.threshold.sleep       | 1e999  | must be a finite number",
            "hive.session.max-tokens            | 0      | must be positive",
            "hive.session.max-tokens            | 2000000000 | must be at most"})
    void badValuesAreRefusedNamingTheKey(String key, String value, String rule) {
        HiveConfig.Builder builder = HiveConfig.builder().isolated().set(key, value);

        assertThatThrownBy(builder::build).isInstanceOfSatisfying(InvalidInputException.class, e -> {
            assertThat(e.field()).isEqualTo(key);
            assertThat(e.rule()).contains(rule);
        });
    }
}
