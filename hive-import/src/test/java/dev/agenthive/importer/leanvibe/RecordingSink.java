package dev.agenthive.importer.leanvibe;

import dev.agenthive.api.spi.ImportSink;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/** An {@link ImportSink} that keeps everything it is given, for assertions. */
final class RecordingSink implements ImportSink {

    record Recorded(String kind, String table, Map<String, Object> values, String origin) {
        Object get(String column) {
            return values.get(column);
        }
    }

    record Report(String kind, String origin, String reason) {
    }

    final List<Recorded> rows = new ArrayList<>();
    final List<Report> rejected = new ArrayList<>();
    final List<Report> skipped = new ArrayList<>();

    @Override
    public void row(String kind, String table, Map<String, Object> values, String origin) {
        // Values may be null, so no Map.copyOf.
        rows.add(new Recorded(kind, table, Collections.unmodifiableMap(new LinkedHashMap<>(values)), origin));
    }

    @Override
    public void rejected(String kind, String origin, String reason) {
        rejected.add(new Report(kind, origin, reason));
    }

    @Override
    public void skipped(String kind, String origin, String reason) {
        skipped.add(new Report(kind, origin, reason));
    }

    List<Recorded> table(String table) {
        return rows.stream().filter(row -> row.table().equals(table)).toList();
    }

    Recorded row(String table, String column, Object value) {
        return table(table).stream().filter(row -> value.equals(row.get(column))).findFirst()
                .orElseThrow(() -> new NoSuchElementException(table + " has no row with " + column + "=" + value + ": " + table(table)));
    }

    List<Object> column(String table, String column) {
        return table(table).stream().map(row -> row.get(column)).toList();
    }
}
