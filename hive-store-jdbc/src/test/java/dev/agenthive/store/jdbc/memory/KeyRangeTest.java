package dev.agenthive.store.jdbc.memory;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class KeyRangeTest {

    @Test
    void successorBoundsExactlyThePrefixedKeysInUtf8Order() {
        List<String> keys = List.of("", "a", "a%", "a%b", "a_", "ab", "a\uFFFF", "a\uD83D\uDE00", "a\uDBFF\uDFFF", "b",
                "\uD83D\uDE00", "\uDBFF\uDFFF", "\uDBFF\uDFFFx", "z\uE000");
        for (String prefix : List.of("a", "a%", "a\uD7FF", "\uD83D\uDE00", "\uDBFF\uDFFF", "z")) {
            String below = KeyRange.successor(prefix);
            for (String key : keys) {
                boolean inRange = utf8Compare(key, prefix) >= 0 && (below == null || utf8Compare(key, below) < 0);
                assertThat(inRange).as("prefix %s key %s", prefix, key).isEqualTo(key.startsWith(prefix));
            }
        }
    }

    @Test
    void successorSkipsSurrogatesAndCarries() {
        assertThat(KeyRange.successor("ab")).isEqualTo("ac");
        assertThat(KeyRange.successor("a\uD7FF")).isEqualTo("a\uE000");
        assertThat(KeyRange.successor("a\uDBFF\uDFFF")).isEqualTo("b");
        assertThat(KeyRange.successor("\uDBFF\uDFFF")).isNull();
        assertThat(KeyRange.successor("")).isNull();
    }

    /** SQLite's BINARY collation: memcmp of the UTF-8 bytes. */
    private static int utf8Compare(String left, String right) {
        return Arrays.compareUnsigned(left.getBytes(StandardCharsets.UTF_8), right.getBytes(StandardCharsets.UTF_8));
    }
}
