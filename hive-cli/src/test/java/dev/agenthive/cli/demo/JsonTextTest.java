package dev.agenthive.cli.demo;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JsonTextTest {

    @Test
    void escapesQuotesBackslashesAndControlCharacters() {
        assertThat(JsonText.object("a", "x\"y\\z", "b", "line\nnext\u0001").text())
                .isEqualTo("{\"a\":\"x\\\"y\\\\z\",\"b\":\"line\\nnext\\u0001\"}");
    }

    @Test
    void rejectsUnpairedNames() {
        assertThatThrownBy(() -> JsonText.object("a")).isInstanceOf(IllegalArgumentException.class);
    }
}
