package dev.agenthive.core.transfer;

import dev.agenthive.api.transfer.Column;
import dev.agenthive.api.transfer.ColumnType;
import dev.agenthive.api.transfer.TableSpec;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The canonical form is what a copy's proof rests on: rows equal by value must hash alike whichever
 * store spelled them (PostgreSQL's {@code jsonb} reorders keys and rewrites numbers, MariaDB keeps
 * the text), and rows that differ in anything a store keeps must not.
 */
class CanonicalRowsTest {
    private static final TableSpec TABLE = new TableSpec("things", List.of(
            Column.required("id", ColumnType.TEXT), Column.optional("note", ColumnType.TEXT),
            Column.optional("other", ColumnType.TEXT), Column.optional("doc", ColumnType.JSON),
            Column.optional("at", ColumnType.INSTANT)), List.of("id"), Optional.empty());

    private static byte[] hash(String note, String other, String doc, Instant at) {
        return CanonicalRows.hash(TABLE, Arrays.asList("t1", note, other, doc, at));
    }

    private static byte[] json(String doc) {
        return hash(null, null, doc, null);
    }

    @Test
    void jsonEqualByValueHashesAlike() {
        byte[] plain = json("{\"a\":1,\"b\":[1,\"é\"]}");

        assertThat(json("{\"b\":[1,\"é\"],\"a\":1}")).as("key order").isEqualTo(plain);
        assertThat(json("{\"a\":1.0,\"b\":[1e0,\"é\"]}")).as("1.0 and 1e0").isEqualTo(plain);
        assertThat(json("{\"a\":10E-1,\"b\":[1.000,\"é\"]}")).as("10E-1 and 1.000").isEqualTo(plain);
        assertThat(json("{\"a\":1,\"b\":[1,\"\\u00e9\"]}")).as("a unicode escape").isEqualTo(plain);
        assertThat(json(" {\n\t\"a\" : 1 ,\r\n \"b\" : [ 1 , \"é\" ] } ")).as("whitespace").isEqualTo(plain);
    }

    @Test
    void zeroesAndLargeNumbersAreComparedByValue() {
        assertThat(json("[0, -0, 0.0, 0e5]")).isEqualTo(json("[0,0,0,0]"));
        assertThat(json("100")).isEqualTo(json("1e2")).isEqualTo(json("100.00"));
        assertThat(json("123456789012345678901234567890")).isEqualTo(json("1.23456789012345678901234567890e29"))
                .isNotEqualTo(json("123456789012345678901234567891"));
    }

    @Test
    void differentJsonValuesHashDifferently() {
        assertThat(json("{\"a\":1}")).isNotEqualTo(json("{\"a\":2}"))
                .isNotEqualTo(json("{\"a\":1.0000001}"))
                .isNotEqualTo(json("{\"a\":\"1\"}"))
                .isNotEqualTo(json("{\"b\":1}"))
                .isNotEqualTo(json("{\"a\":[1]}"))
                .isNotEqualTo(json("{\"a\":1,\"b\":null}"));
        assertThat(json("[1,2]")).isNotEqualTo(json("[2,1]"));
        assertThat(json("\"é\"")).isNotEqualTo(json("\"e\""));
    }

    @Test
    void aValueInAnotherColumnHashesDifferently() {
        assertThat(hash("x", null, null, null)).isNotEqualTo(hash(null, "x", null, null));
        // The length prefix keeps a value that holds the separator from reading as part of its neighbour.
        assertThat(hash("a;other=b", "c", null, null)).isNotEqualTo(hash("a", "b;other=c", null, null));
    }

    @Test
    void theSameValuesUnderAnotherColumnNameHashDifferently() {
        TableSpec renamed = new TableSpec("things", List.of(
                Column.required("id", ColumnType.TEXT), Column.optional("remark", ColumnType.TEXT),
                Column.optional("other", ColumnType.TEXT), Column.optional("doc", ColumnType.JSON),
                Column.optional("at", ColumnType.INSTANT)), List.of("id"), Optional.empty());
        List<Object> row = Arrays.asList("t1", "x", null, null, null);

        assertThat(CanonicalRows.hash(renamed, row)).isNotEqualTo(CanonicalRows.hash(TABLE, row));
    }

    @Test
    void nullAndEmptyTextHashDifferently() {
        assertThat(hash(null, null, null, null)).isNotEqualTo(hash("", null, null, null));
        assertThat(hash("-", null, null, null)).isNotEqualTo(hash(null, null, null, null));
        assertThat(json("null")).as("JSON null is a value, not an empty column").isNotEqualTo(json(null));
    }

    @Test
    void instantsAreComparedToTheMicrosecond() {
        Instant micros = Instant.parse("2024-05-01T10:15:30.123456Z");

        assertThat(hash(null, null, null, micros.plusNanos(999)))
                .as("nanoseconds below a microsecond (PostgreSQL keeps microseconds)")
                .isEqualTo(hash(null, null, null, micros));
        assertThat(hash(null, null, null, micros.plusNanos(1_000))).isNotEqualTo(hash(null, null, null, micros));
        assertThat(hash(null, null, null, Instant.ofEpochSecond(-1, 999_999_000)))
                .as("before 1970").isNotEqualTo(hash(null, null, null, Instant.EPOCH));
    }

    @Test
    void textThatIsNotJsonStaysApartFromAnyParsedDocument() {
        assertThat(json("{\"a\":1")).isNotEqualTo(json("{\"a\":1}")).isEqualTo(json("{\"a\":1"));
        assertThat(CanonicalRows.json("{\"a\":1")).isEqualTo("invalid:{\"a\":1");
    }

    @Test
    void theCanonicalJsonSortsKeysAndSpellsNumbersOneWay() {
        assertThat(CanonicalRows.json("{ \"b\" : 1.50, \"a\" : [ true, null, \"x\\\"y\" ] }"))
                .isEqualTo("{\"a\":[true,null,\"x\\\"y\"],\"b\":1.5}");
    }
}
