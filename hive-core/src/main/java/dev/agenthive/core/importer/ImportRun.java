package dev.agenthive.core.importer;

import dev.agenthive.api.Checks;
import dev.agenthive.api.blob.BlobId;
import dev.agenthive.api.error.ErrorCode;
import dev.agenthive.api.error.HiveException;
import dev.agenthive.api.error.InvalidInputException;
import dev.agenthive.api.error.StorageUnavailableException;
import dev.agenthive.api.json.Json;
import dev.agenthive.api.spi.ImportSink;
import dev.agenthive.api.spi.Importer;
import dev.agenthive.api.store.HiveStore;
import dev.agenthive.api.transfer.Column;
import dev.agenthive.api.transfer.TableAccess;
import dev.agenthive.api.transfer.TableSpec;
import dev.agenthive.core.json.JsonCodec;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The sink of one import into a store: takes the rows an {@link Importer} reads, checks each against
 * the layout (columns, types, required values, the hive's JSON rules), and when the importer is done
 * writes them table by table, parents first, in batches. A row whose key the store holds already is
 * skipped, so importing the same folder again writes nothing new; a row the store refuses is
 * retried alone to find the reason, and reported. Not thread-safe: one importer feeds one run.
 */
public final class ImportRun implements ImportSink {
    /** The reason of a row skipped because the store holds it already. */
    public static final String ALREADY_IMPORTED = "already in the hive (imported before)";

    private static final int BATCH = 500;
    private static final String SNAPSHOTS = "memory_snapshots";
    private static final String CONTENTS = "memory_snapshot_contents";

    private final TableAccess tables;
    private final JsonCodec json;
    private final Map<String, List<Pending>> byTable = new HashMap<>();
    private final Map<String, long[]> counts = new LinkedHashMap<>();
    private final List<ImportEntry> entries = new ArrayList<>();

    private ImportRun(TableAccess tables, JsonCodec json) {
        this.tables = tables;
        this.json = json;
    }

    /**
     * Reads {@code folder} with {@code importer} and writes what it finds into {@code store}.
     *
     * @throws HiveException {@code UNSUPPORTED} when the store does not take rows as they are
     */
    public static ImportReport run(Importer importer, Path folder, HiveStore store, JsonCodec json) {
        Objects.requireNonNull(importer, "importer is null");
        Objects.requireNonNull(folder, "folder is null");
        Objects.requireNonNull(store, "store is null");
        TableAccess tables = store.tableAccess().orElseThrow(() -> new HiveException(ErrorCode.UNSUPPORTED,
                "the store at " + store.location() + " does not take rows as they are (no TableAccess)"));
        ImportRun run = new ImportRun(tables, Objects.requireNonNull(json, "json is null"));
        importer.read(folder, run);
        run.write();
        List<KindSummary> kinds = new ArrayList<>();
        run.counts.forEach((kind, count) -> kinds.add(new KindSummary(kind, count[0], count[1], count[2])));
        return new ImportReport(importer.name(), folder.toString(), kinds, run.entries);
    }

    /** A checked row waiting to be written. */
    private record Pending(String kind, String origin, List<Object> row) {
    }

    @Override
    public void row(String kind, String table, Map<String, Object> values, String origin) {
        Checks.notBlank(kind, "kind");
        Checks.notNull(values, "values");
        count(kind, 0);
        Optional<TableSpec> spec = tables.table(Checks.notBlank(table, "table"));
        if (spec.isEmpty()) {
            rejected(kind, origin, "the hive has no table '" + table + "'");
            return;
        }
        try {
            Map<String, Object> given = new HashMap<>(values);
            if (table.equals(SNAPSHOTS)) {
                given = withContent(kind, origin, given);
            }
            add(kind, origin, spec.get(), given);
        } catch (InvalidInputException e) {
            rejected(kind, origin, e.getMessage());
        }
    }

    @Override
    public void rejected(String kind, String origin, String reason) {
        count(kind, 2);
        entries.add(new ImportEntry(kind, origin, ImportOutcome.REJECTED, reason));
    }

    @Override
    public void skipped(String kind, String origin, String reason) {
        count(kind, 1);
        entries.add(new ImportEntry(kind, origin, ImportOutcome.SKIPPED, reason));
    }

    private void count(String kind, int which) {
        long[] count = counts.computeIfAbsent(kind, k -> new long[3]);
        if (which > 0) {
            count[which]++;
        }
    }

    /** Stores a snapshot's content as the hive does: normalised, named by the SHA-256 of its text. */
    private Map<String, Object> withContent(String kind, String origin, Map<String, Object> values) {
        Object content = values.remove("content");
        if (!(content instanceof String text)) {
            throw new InvalidInputException("memory_snapshots.content", "must be the snapshot's JSON text");
        }
        Json normalised = json.normalize(new Json(text), "memory_snapshots.content");
        byte[] bytes = normalised.text().getBytes(StandardCharsets.UTF_8);
        String hash = BlobId.of(bytes).toString();
        Map<String, Object> contentRow = new HashMap<>();
        contentRow.put("content_hash", hash);
        contentRow.put("content", normalised.text());
        contentRow.put("size_bytes", (long) bytes.length);
        contentRow.put("created_at", values.get("created_at"));
        contentRow.put("location", "row");
        add(kind, origin, tables.table(CONTENTS).orElseThrow(), contentRow);
        values.put("content_hash", hash);
        values.put("size_bytes", (long) bytes.length);
        return values;
    }

    private void add(String kind, String origin, TableSpec table, Map<String, Object> values) {
        for (String name : values.keySet()) {
            table.index(name);
        }
        List<Object> row = new ArrayList<>(table.columns().size());
        for (Column column : table.columns()) {
            row.add(value(table, column, values.get(column.name())));
        }
        byTable.computeIfAbsent(table.name(), name -> new ArrayList<>()).add(new Pending(kind, origin, row));
    }

    private Object value(TableSpec table, Column column, Object value) {
        String field = table.name() + "." + column.name();
        if (value == null) {
            if (!column.nullable()) {
                throw new InvalidInputException(field, "must hold a value");
            }
            return null;
        }
        return switch (column.type()) {
            case TEXT -> {
                if (!(value instanceof String)) {
                    throw new InvalidInputException(field, "must be text, was " + value.getClass().getSimpleName());
                }
                yield value;
            }
            case JSON -> {
                if (!(value instanceof String text)) {
                    throw new InvalidInputException(field, "must be JSON text, was " + value.getClass().getSimpleName());
                }
                yield json.normalize(new Json(text), field).text();
            }
            case INTEGER -> {
                if (value instanceof Long || value instanceof Integer || value instanceof Short) {
                    yield ((Number) value).longValue();
                }
                throw new InvalidInputException(field, "must be an integer, was " + value.getClass().getSimpleName());
            }
            case REAL -> {
                if (value instanceof Number number) {
                    yield number.doubleValue();
                }
                throw new InvalidInputException(field, "must be a number, was " + value.getClass().getSimpleName());
            }
            case INSTANT -> {
                if (!(value instanceof Instant instant)) {
                    throw new InvalidInputException(field, "must be an Instant, was " + value.getClass().getSimpleName());
                }
                // Every store keeps milliseconds; a finer instant would read back different.
                yield Instant.ofEpochMilli(instant.toEpochMilli());
            }
        };
    }

    /** Writes the rows read, parents first. */
    private void write() {
        for (TableSpec table : tables.tables()) {
            List<Pending> pending = byTable.remove(table.name());
            if (pending != null) {
                writeTable(table, ordered(table, unique(table, pending)));
            }
        }
    }

    /** The first row of each key; a later one with the same key restates it and is skipped. */
    private List<Pending> unique(TableSpec table, List<Pending> rows) {
        Map<List<Object>, Pending> first = new LinkedHashMap<>();
        for (Pending pending : rows) {
            Pending earlier = first.putIfAbsent(table.keyOf(pending.row()), pending);
            if (earlier != null && !table.name().equals(CONTENTS)) {
                skipped(pending.kind(), pending.origin(), "the same " + table.name() + " key "
                        + table.keyOf(pending.row()) + " as " + earlier.origin());
            }
        }
        return new ArrayList<>(first.values());
    }

    /** Parents before their children for a table whose rows form a hierarchy. */
    private List<Pending> ordered(TableSpec table, List<Pending> rows) {
        if (table.parentColumn().isEmpty()) {
            return rows;
        }
        int parent = table.index(table.parentColumn().get());
        int key = table.index(table.key().get(0));
        Map<Object, List<Pending>> children = new HashMap<>();
        Set<Object> keys = new HashSet<>();
        for (Pending pending : rows) {
            keys.add(pending.row().get(key));
        }
        List<Pending> ordered = new ArrayList<>(rows.size());
        List<Pending> roots = new ArrayList<>();
        for (Pending pending : rows) {
            Object parentKey = pending.row().get(parent);
            if (parentKey == null || !keys.contains(parentKey)) {
                // A parent not among these rows may be in the store already; the store says so when written.
                roots.add(pending);
            } else {
                children.computeIfAbsent(parentKey, k -> new ArrayList<>()).add(pending);
            }
        }
        List<Pending> ready = new ArrayList<>(roots);
        while (!ready.isEmpty()) {
            Pending next = ready.remove(ready.size() - 1);
            ordered.add(next);
            ready.addAll(children.getOrDefault(next.row().get(key), List.of()));
            children.remove(next.row().get(key));
        }
        for (List<Pending> cycle : children.values()) {
            for (Pending pending : cycle) {
                rejected(pending.kind(), pending.origin(), "its parent chain in " + table.name() + " is a cycle");
            }
        }
        return ordered;
    }

    private void writeTable(TableSpec table, List<Pending> rows) {
        boolean contents = table.name().equals(CONTENTS);
        for (int start = 0; start < rows.size(); start += BATCH) {
            List<Pending> batch = rows.subList(start, Math.min(rows.size(), start + BATCH));
            Set<List<Object>> present = tables.presentKeys(table, batch.stream().map(p -> table.keyOf(p.row())).toList());
            List<Pending> missing = new ArrayList<>(batch.size());
            for (Pending pending : batch) {
                if (!present.contains(table.keyOf(pending.row()))) {
                    missing.add(pending);
                } else if (!contents) {
                    skipped(pending.kind(), pending.origin(), ALREADY_IMPORTED);
                }
            }
            insert(table, missing, contents);
        }
    }

    /** Content rows are counted with their snapshots, not on their own. */
    private void insert(TableSpec table, List<Pending> rows, boolean contents) {
        if (rows.isEmpty()) {
            return;
        }
        try {
            tables.insert(table, rows.stream().map(Pending::row).toList());
            if (!contents) {
                rows.forEach(pending -> counts.get(pending.kind())[0]++);
            }
        } catch (StorageUnavailableException e) {
            throw e;
        } catch (HiveException e) {
            for (Pending pending : rows) {
                try {
                    tables.insert(table, List.of(pending.row()));
                    if (!contents) {
                        counts.get(pending.kind())[0]++;
                    }
                } catch (StorageUnavailableException unavailable) {
                    throw unavailable;
                } catch (HiveException refused) {
                    rejected(pending.kind(), pending.origin(), "the hive refused it: " + refused.getMessage());
                }
            }
        }
    }
}
