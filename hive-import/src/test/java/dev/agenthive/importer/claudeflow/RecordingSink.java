package dev.agenthive.importer.claudeflow;

import dev.agenthive.api.spi.ImportSink;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** An import sink that keeps everything it is given, for the tests to look at. */
final class RecordingSink implements ImportSink {

    record Row(String kind, String table, Map<String, Object> values, String origin) {
    }

    record Note(String kind, String origin, String reason) {
    }

    final List<Row> rows = new ArrayList<>();
    final List<Note> rejected = new ArrayList<>();
    final List<Note> skipped = new ArrayList<>();

    @Override
    public void row(String kind, String table, Map<String, Object> values, String origin) {
        rows.add(new Row(kind, table, Map.copyOf(values.entrySet().stream()
                .filter(e -> e.getValue() != null)
                .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue))), origin));
    }

    @Override
    public void rejected(String kind, String origin, String reason) {
        rejected.add(new Note(kind, origin, reason));
    }

    @Override
    public void skipped(String kind, String origin, String reason) {
        skipped.add(new Note(kind, origin, reason));
    }

    List<Map<String, Object>> table(String table) {
        return rows.stream().filter(r -> r.table().equals(table)).map(Row::values).toList();
    }

    /** The row of {@code table} whose {@code column} is {@code value}. */
    Optional<Map<String, Object>> find(String table, String column, Object value) {
        return table(table).stream().filter(r -> value.equals(r.get(column))).findFirst();
    }

    Map<String, Object> memory(String namespace, String key) {
        return table("shared_memory").stream()
                .filter(r -> namespace.equals(r.get("namespace")) && key.equals(r.get("entry_key")))
                .findFirst().orElseThrow(() -> new AssertionError("no memory " + namespace + "/" + key));
    }
}
