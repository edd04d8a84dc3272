package dev.agenthive.core.transfer;

import dev.agenthive.api.blob.BlobId;
import dev.agenthive.api.error.NotFoundException;
import dev.agenthive.api.transfer.Column;
import dev.agenthive.api.transfer.ColumnType;
import dev.agenthive.api.transfer.SnapshotWork;
import dev.agenthive.api.transfer.TableSnapshot;
import dev.agenthive.api.transfer.TableSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link RowCodec} must carry every value a store can hand out through both files that hold rows, the
 * reject file (a row as an object) and the backup (a row as an array): a restore from either must
 * give back exactly what was read, JSON text byte for byte.
 */
class RowCodecRoundTripTest {
    private static final TableSpec TABLE = new TableSpec("every_type", List.of(
            Column.required("id", ColumnType.TEXT), Column.optional("text", ColumnType.TEXT),
            Column.optional("integer", ColumnType.INTEGER), Column.optional("real", ColumnType.REAL),
            Column.optional("instant", ColumnType.INSTANT), Column.optional("json", ColumnType.JSON)),
            List.of("id"), Optional.empty());

    private static final List<List<Object>> ROWS = List.of(
            row("plain", "text", 42L, 0.1, Instant.parse("2024-05-01T10:15:30.123Z"), "{\"b\":1, \"a\":1.0}"),
            row("nulls", null, null, null, null, null),
            row("nan", "", 0L, Double.NaN, Instant.parse("2024-05-01T10:15:30.123456789Z"), "null"),
            row("infinity", "é ✓ \uD83D\uDE00 \"quoted\" \\ \n\t", Long.MAX_VALUE, Double.POSITIVE_INFINITY,
                    Instant.EPOCH, " [ 1e0 , 10E-1 , \"\\u00e9\" ]\n"),
            row("minus-infinity", "\u0000nul", Long.MIN_VALUE, Double.NEGATIVE_INFINITY,
                    Instant.parse("1969-12-31T23:59:59.999Z"), "{\"a\":{\"a\":[]},\"a2\":\"x\"}"),
            row("edges", "NaN", -1L, -0.0, Instant.parse("9999-12-31T23:59:59Z"), "\"NaN\""),
            row("tiny", "Infinity", 1L, Double.MIN_VALUE, Instant.parse("2000-01-01T00:00:00Z"), "1.000"),
            row("huge", "null", 2L, Double.MAX_VALUE, Instant.parse("2000-01-01T00:00:00Z"), "123456789012345678901234567890"));

    @TempDir
    Path dir;

    private static List<Object> row(Object... values) {
        return Arrays.asList(values);
    }

    @Test
    void everyValueComesBackFromTheRejectFile() {
        Path path = dir.resolve("rejects.jsonl");
        try (RejectFile file = RejectFile.at(path)) {
            for (List<Object> row : ROWS) {
                file.write(TABLE, new Reject(TABLE.name(), TABLE.keyOf(row), "because", row));
            }
        }

        List<Reject> read = RejectFile.read(path, List.of(TABLE));

        assertThat(read).extracting(Reject::row).containsExactlyElementsOf(ROWS);
        assertThat(read).extracting(Reject::key).containsExactlyElementsOf(ROWS.stream().map(TABLE::keyOf).toList());
        assertThat(read).extracting(Reject::reason).containsOnly("because");
    }

    @Test
    void everyValueComesBackFromABackup() {
        Path file = dir.resolve("backup.zip");
        BackupArchive.Manifest written = BackupArchive.write(new ListSource(), file, CopyProgress.NONE);

        try (BackupArchive archive = BackupArchive.open(file)) {
            List<List<Object>> read = archive.snapshot(snapshot -> {
                List<List<Object>> rows = new ArrayList<>();
                snapshot.scan(TABLE, rows::add);
                return rows;
            });

            assertThat(read).containsExactlyElementsOf(ROWS);
            assertThat(archive.tables()).containsExactly(TABLE);
            assertThat(archive.verify()).isEmpty();
            assertThat(archive.manifest().summaries()).isEqualTo(written.summaries());
        }
    }

    @Test
    void jsonTextKeepsItsExactSpelling() {
        // List.equals above already compares strings exactly; this names the case a by-value reader would break.
        Path path = dir.resolve("rejects.jsonl");
        try (RejectFile file = RejectFile.at(path)) {
            file.write(TABLE, new Reject(TABLE.name(), List.of("plain"), "because", ROWS.get(0)));
        }

        assertThat(RejectFile.read(path, List.of(TABLE)).get(0).row().get(TABLE.index("json")))
                .isEqualTo("{\"b\":1, \"a\":1.0}");
    }

    /** The rows above as a source, with no blobs. */
    private static final class ListSource implements RowSource {
        @Override
        public String location() {
            return "memory";
        }

        @Override
        public int layout() {
            return 1;
        }

        @Override
        public List<TableSpec> tables() {
            return List.of(TABLE);
        }

        @Override
        public <T> T snapshot(SnapshotWork<T> work) {
            return work.read(new TableSnapshot() {
                @Override
                public long count(TableSpec table) {
                    return ROWS.size();
                }

                @Override
                public void scan(TableSpec table, Consumer<List<Object>> rows) {
                    ROWS.forEach(rows);
                }

                @Override
                public void blobReferences(Consumer<dev.agenthive.api.blob.BlobReference> references) {
                }
            });
        }

        @Override
        public InputStream openBlob(BlobId id) {
            throw new NotFoundException("blob", id.toString());
        }
    }
}
