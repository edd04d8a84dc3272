package dev.agenthive.core.json;

import dev.agenthive.api.error.InvalidInputException;
import dev.agenthive.api.json.Json;
import dev.agenthive.api.memory.JsonType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JsonCodecTest {
    private final JsonCodec codec = new JsonCodec(4, 200);

    @Test
    void normalisesToCompactTextKeepingOrderAndExactNumbers() {
        ValidJson valid = codec.validate(Json.of(" {\n \"b\" : [1, 2.50, 1e400 ],\n \"a\":\"\u00e9\\u0041\" } "), "task.payload");

        assertThat(valid.json().text()).isEqualTo("{\"b\":[1,2.50,1e400],\"a\":\"\u00e9A\"}");
        assertThat(valid.type()).isEqualTo(JsonType.OBJECT);
        assertThat(valid.sizeBytes()).isEqualTo(valid.json().text().getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{}|OBJECT",
            "[1]|ARRAY",
            "\"x\"|STRING",
            "-12.5|NUMBER",
            "7|NUMBER",
            "true|BOOLEAN",
            "false|BOOLEAN",
            "null|NULL"
    })
    void derivesTheJsonTypeOfTheRootValue(String text, JsonType type) {
        assertThat(codec.validate(Json.of(text), "memory.value").type()).isEqualTo(type);
    }

    @Test
    void acceptsNestingUpToTheLimitAndRejectsOneLevelMore() {
        assertThat(codec.normalize(Json.of("[[[{\"a\":1}]]]"), "memory.value").text()).isEqualTo("[[[{\"a\":1}]]]");

        assertThatThrownBy(() -> codec.validate(Json.of("[[[[{\"a\":1}]]]]"), "memory.value"))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.field()).isEqualTo("memory.value");
                    assertThat(e.rule()).isEqualTo("must not nest arrays and objects deeper than 4 levels");
                });
    }

    @Test
    void rejectsDeepNestingLongBeforeJacksonsDefaultLimit() {
        String deep = "[".repeat(50) + "]".repeat(50);

        assertThatThrownBy(() -> new JsonCodec(10, 1_000).validate(Json.of(deep), "event.details"))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("event.details"));
    }

    @Test
    void rejectsInputLargerThanTheByteLimitCountingUtf8Bytes() {
        String fits = "\"" + "a".repeat(198) + "\"";
        String multiByte = "\"" + "\u00e9".repeat(100) + "\"";

        assertThat(codec.validate(Json.of(fits), "task.payload").sizeBytes()).isEqualTo(200);
        assertThatThrownBy(() -> codec.validate(Json.of(multiByte), "task.payload"))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.field()).isEqualTo("task.payload");
                    assertThat(e.rule()).isEqualTo("must be at most 200 bytes of JSON, was 202");
                });
    }

    @ParameterizedTest
    @ValueSource(strings = {"{} {}", "{}x", "1 2", "[1]]", "\"a\" \"b\"", "null,"})
    void rejectsTrailingContentAfterTheValue(String text) {
        assertThatThrownBy(() -> codec.validate(Json.of(text), "message.payload"))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.field()).isEqualTo("message.payload");
                    assertThat(e.rule()).containsAnyOf("single JSON value", "must be valid JSON");
                });
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "{", "{\"a\":}", "{'a':1}", "[1,]", "NaN", "01", "{\"a\":1,\"a\":2}",
            "/* c */ {}", "tru", "\"unterminated"})
    void rejectsInvalidJson(String text) {
        assertThatThrownBy(() -> codec.validate(Json.of(text), "task.result"))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.field()).isEqualTo("task.result");
                    assertThat(e.rule()).startsWith("must be valid JSON");
                });
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"a\\u0000b\"", "{\"k\\u0000\":1}", "[\"\\\\\\u0000\"]"})
    void rejectsTheNulEscapeNamingTheFieldAndTheReason(String text) {
        assertThatThrownBy(() -> codec.validate(Json.of(text), "task.payload"))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.field()).isEqualTo("task.payload");
                    assertThat(e.rule()).isEqualTo("must not contain U+0000 (NUL): PostgreSQL cannot store it");
                });
    }

    @ParameterizedTest
    @ValueSource(strings = {"1e131072", "{\"n\":1e-16384}", "1e0606777777777777777777777777777777706"})
    void rejectsNumbersPostgresqlCannotStore(String text) {
        assertThatThrownBy(() -> codec.validate(Json.of(text), "task.payload"))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.field()).isEqualTo("task.payload");
                    assertThat(e.rule()).contains("PostgreSQL cannot store it");
                });
        assertThat(codec.normalize(Json.of("[1e131071,1e-16383,0e131073]"), "task.payload").text())
                .isEqualTo("[1e131071,1e-16383,0e131073]");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"\\ud800\"", "{\"\\uDE00\":1}", "\"\ud800\"", "\"\\u000\u0130\""})
    void rejectsUnpairedSurrogatesAndNulSpeltWithNonAsciiDigits(String text) {
        assertThatThrownBy(() -> codec.validate(Json.of(text), "task.payload"))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.field()).isEqualTo("task.payload");
                    assertThat(e.rule()).containsAnyOf("no store keeps it", "PostgreSQL cannot store it").doesNotContain("valid JSON");
                });
    }

    @Test
    void keepsAnEscapedBackslashFollowedByU0000AsText() {
        // "\\u0000" is a backslash and the five characters u0000, not NUL.
        assertThat(codec.normalize(Json.of("\"\\\\u0000\""), "task.payload").text()).isEqualTo("\"\\\\u0000\"");
    }

    @Test
    void nullIsRejectedNamingTheField() {
        assertThatThrownBy(() -> codec.validate(null, "task.error"))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("task.error"));
    }

    @Test
    void writesObjectsThatValidate() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("id", "a\"b");
        fields.put("n", 3);
        fields.put("ok", true);
        fields.put("none", null);
        fields.put("raw", Json.of("{\"x\":[1]}"));

        Json written = codec.object(fields);

        assertThat(written.text()).isEqualTo("{\"id\":\"a\\\"b\",\"n\":3,\"ok\":true,\"none\":null,\"raw\":{\"x\":[1]}}");
        assertThat(codec.normalize(written, "event.details")).isEqualTo(written);
    }
}
