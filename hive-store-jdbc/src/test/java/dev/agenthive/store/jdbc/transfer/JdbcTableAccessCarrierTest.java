package dev.agenthive.store.jdbc.transfer;

import dev.agenthive.api.transfer.Column;
import dev.agenthive.api.transfer.ColumnType;
import org.junit.jupiter.api.Test;

import javax.sql.rowset.serial.SerialClob;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** The driver values each dialect hands out, as the carriers of {@link ColumnType}. */
class JdbcTableAccessCarrierTest {

    @Test
    void aClobIsReadAsItsContent() throws SQLException {
        // H2 hands out a CLOB column (memory_snapshot_contents.content) this way.
        assertThat(JdbcTableAccess.carrier(Column.required("content", ColumnType.JSON),
                new SerialClob("{\"b\":1, \"a\":\"é\"}".toCharArray()))).isEqualTo("{\"b\":1, \"a\":\"é\"}");
        assertThat(JdbcTableAccess.carrier(Column.required("note", ColumnType.TEXT),
                new SerialClob("text".toCharArray()))).isEqualTo("text");
        assertThat(JdbcTableAccess.carrier(Column.required("note", ColumnType.TEXT),
                new SerialClob(new char[0]))).isEqualTo("");
    }

    @Test
    void otherDriverTypesBecomeTheirCarriers() {
        Instant at = Instant.parse("2024-05-01T10:15:30.123Z");

        assertThat(JdbcTableAccess.carrier(Column.required("doc", ColumnType.JSON),
                "{}".getBytes(StandardCharsets.UTF_8))).isEqualTo("{}");
        assertThat(JdbcTableAccess.carrier(Column.required("at", ColumnType.INSTANT), at.toEpochMilli())).isEqualTo(at);
        assertThat(JdbcTableAccess.carrier(Column.required("at", ColumnType.INSTANT), Timestamp.from(at))).isEqualTo(at);
        assertThat(JdbcTableAccess.carrier(Column.required("n", ColumnType.INTEGER), 7)).isEqualTo(7L);
        assertThat(JdbcTableAccess.carrier(Column.required("n", ColumnType.INTEGER), true)).isEqualTo(1L);
        assertThat(JdbcTableAccess.carrier(Column.required("x", ColumnType.REAL), 1.5f)).isEqualTo(1.5d);
        assertThat(JdbcTableAccess.carrier(Column.optional("x", ColumnType.REAL), null)).isNull();
    }
}
