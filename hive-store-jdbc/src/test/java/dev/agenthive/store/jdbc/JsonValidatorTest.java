package dev.agenthive.store.jdbc;

import dev.agenthive.api.error.InvalidInputException;
import dev.agenthive.api.json.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JsonValidatorTest {
    private final JsonValidator validator = new JsonValidator(new JsonLimits(3, 40));

    @ParameterizedTest
    @ValueSource(strings = {"{}", "[[[]]]", "{\"a\":{\"b\":[1]}}", " 1 ", "\"\\\\u0000\"", "null", "\"\u00e9\""})
    void acceptsValuesWithinTheLimits(String text) {
        Json json = Json.of(text);
        assertThat(validator.requireValidArgument(json, "f")).isSameAs(json);
    }

    @Test
    void refusesNestingOneLevelPastTheLimit() {
        assertRefused("[[[[]]]]", "must not nest arrays and objects deeper than 3 levels");
        assertRefused("{\"a\":{\"b\":{\"c\":{}}}}", "must not nest arrays and objects deeper than 3 levels");
    }

    @Test
    void refusesValuesLargerThanTheLimitInUtf8Bytes() {
        assertRefused("\"" + "x".repeat(39) + "\"", "must be at most 40 bytes of JSON, was 41");
        // 14 two-byte characters and the quotes are 30 bytes; 20 of them are 42.
        assertThat(validator.requireValidArgument(Json.of("\"" + "\u00e9".repeat(14) + "\""), "f")).isNotNull();
        assertRefused("\"" + "\u00e9".repeat(20) + "\"", "must be at most 40 bytes of JSON, was 42");
    }

    @Test
    void refusesRepeatedKeys() {
        assertRefused("{\"a\":1,\"a\":2}", "Duplicate");
        assertRefused("[{\"b\":{\"a\":1,\"a\":1}}]", "Duplicate");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"\\u0000\"", "{\"\\u0000\":1}", "\"\0\""})
    void refusesNul(String text) {
        assertRefused(text, "must not contain U+0000 (NUL): PostgreSQL cannot store it");
    }

    /** PostgreSQL's numeric holds at most 131072 digits before the decimal point and 16383 after. */
    @ParameterizedTest
    @ValueSource(strings = {"1e131072", "[1E+131072]", "-1.5e131072", "1e-16384", "1.0e-16383", "0e-16384",
            " 1e0606777777777777777777777777777777706"})
    void refusesNumbersPostgresqlCannotStore(String text) {
        assertRefused(text, "PostgreSQL cannot store it");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1e131071", "9.99e131071", "1e-16383", "0e131073", "-0.0e5", "12345678901234567890"})
    void acceptsNumbersPostgresqlStores(String text) {
        assertThat(validator.requireValidArgument(Json.of(text), "f")).isNotNull();
    }

    /** PostgreSQL refuses an unpaired surrogate, a driver writes '?' for it: no store keeps it. */
    @ParameterizedTest
    @ValueSource(strings = {"\"\\ud800\"", "{\"\\uDE00\":1}", "\"\ud800\"", "[\"a\\udc00\\ud800b\"]"})
    void refusesUnpairedSurrogates(String text) {
        assertRefused(text, "unpaired UTF-16 surrogate");
        assertThat(validator.requireValidArgument(Json.of("\"\\ud83d\\ude00\ud83d\ude00\""), "f")).isNotNull();
    }

    @Test
    void refusesNulSpeltWithDigitsJacksonReadsAsHex() {
        // Jackson reads U+0130 as the hex digit 0 (it keeps only a char's low byte), so this is U+0000.
        assertRefused("\"\\u000\u0130\"", "must not contain U+0000 (NUL)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "{", "[1,", "{\"a\":}", "1 2", "NaN", "01", "{'a':1}", "[1,]", "\"\\x\""})
    void refusesInvalidJson(String text) {
        assertRefused(text, null);
    }

    @Test
    void namesTheFieldOfTheConstraint() {
        assertThatThrownBy(() -> validator.requireValid(Json.of("{"), "tasks_payload_json"))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("task.payload"));
        assertThat(validator.requireValid(null, "tasks_payload_json")).isNull();
    }

    @Test
    void limitsComeFromTheSettingsWithTheCoresDefaults() {
        assertThat(JsonLimits.from(Map.of())).isEqualTo(new JsonLimits(64, 1_048_576));
        assertThat(JsonLimits.from(Map.of("hive.json.max-depth", "5", "hive.json.max-bytes", "100")))
                .isEqualTo(new JsonLimits(5, 100));
        assertThatThrownBy(() -> JsonLimits.from(Map.of("hive.json.max-depth", "0")))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("hive.json.max-depth"));
        assertThatThrownBy(() -> JsonLimits.from(Map.of("hive.json.max-bytes", "lots")))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("hive.json.max-bytes"));
    }

    private void assertRefused(String text, String rulePart) {
        assertThatThrownBy(() -> validator.requireValidArgument(Json.of(text), "some.field"))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.field()).isEqualTo("some.field");
                    if (rulePart != null) {
                        assertThat(e.rule()).contains(rulePart);
                    }
                });
    }
}
