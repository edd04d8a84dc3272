package dev.agenthive.store.jdbc.type;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class JsonArraysTest {

    @Test
    void stringsSurviveTheRoundTripVerbatim() {
        List<String> values = List.of("plain", "quote \" and \\ backslash", "'; DROP TABLE tasks; --", "${sys:user.home}",
                "unicode \u00e9\uD83D\uDE00", "tab\tnewline\n", "%_");
        assertThat(JsonArrays.read(JsonArrays.write(values))).isEqualTo(values);
        assertThat(JsonArrays.write(List.of())).isEqualTo("[]");
        assertThat(new StringSetTypeHandler().fromJson(new StringSetTypeHandler().toJson(Set.of("x")))).containsExactly("x");
    }
}
