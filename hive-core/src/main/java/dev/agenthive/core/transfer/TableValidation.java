package dev.agenthive.core.transfer;

import dev.agenthive.api.transfer.SnapshotWork;
import dev.agenthive.api.transfer.TableSpec;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Proves that two holders of rows hold the same rows: per table, the row count and the
 * order-independent checksum of the rows' canonical form ({@link CanonicalRows}) must be equal. When
 * a table's differ, both sides are read again row by row to name the first rows that differ.
 */
public final class TableValidation {
    /** How many differing rows a report names per table. */
    public static final int NAMED_DIFFERENCES = 10;

    private TableValidation() {
    }

    /** A source or target to prove: its tables at one point in time. */
    public interface Side {
        String location();

        <T> T snapshot(SnapshotWork<T> work);
    }

    /** A {@link RowSource} as a side. */
    public static Side of(RowSource source) {
        return new Side() {
            @Override
            public String location() {
                return source.location();
            }

            @Override
            public <T> T snapshot(SnapshotWork<T> work) {
                return source.snapshot(work);
            }
        };
    }

    /**
     * Counts and checksums of {@code tables} of {@code side}, from one point in time, leaving out the
     * rows in {@code excluded} (the rows a copy rejected).
     */
    public static Map<String, TableSummary> summarize(Side side, List<TableSpec> tables, List<Reject> excluded) {
        Objects.requireNonNull(excluded, "excluded is null");
        return side.snapshot(snapshot -> {
            Map<String, TableSummary> summaries = new LinkedHashMap<>();
            for (TableSpec table : tables) {
                TableChecksum checksum = new TableChecksum();
                snapshot.scan(table, row -> checksum.add(CanonicalRows.hash(table, row)));
                for (Reject reject : excluded) {
                    if (reject.table().equals(table.name())) {
                        checksum.remove(CanonicalRows.hash(table, reject.row()));
                    }
                }
                summaries.put(table.name(), checksum.summary());
            }
            return summaries;
        });
    }

    /**
     * Compares what the target holds with what it must hold, and names the first differing rows of each
     * table that differs (read again from {@code source} and {@code target}).
     *
     * @param expected the source's summaries, per table (as a copy computed them, or {@link #summarize})
     */
    public static ValidationReport compare(Map<String, TableSummary> expected, Side source, Side target,
                                           List<TableSpec> tables, List<Reject> excluded) {
        Map<String, TableSummary> actual = summarize(target, tables, List.of());
        List<TableComparison> comparisons = new ArrayList<>();
        for (TableSpec table : tables) {
            TableSummary want = expected.get(table.name());
            TableSummary have = actual.get(table.name());
            List<String> differences = want.equals(have) ? List.of()
                    : differences(table, source, target, excluded);
            comparisons.add(new TableComparison(table.name(), want, have, differences));
        }
        return new ValidationReport(source.location(), target.location(), comparisons);
    }

    private static List<String> differences(TableSpec table, Side source, Side target, List<Reject> excluded) {
        Map<String, String> sourceRows = rowHashes(table, source);
        for (Reject reject : excluded) {
            if (reject.table().equals(table.name())) {
                sourceRows.remove(CanonicalRows.key(reject.key()));
            }
        }
        Map<String, String> targetRows = rowHashes(table, target);
        List<String> differences = new ArrayList<>();
        for (Map.Entry<String, String> entry : sourceRows.entrySet()) {
            String there = targetRows.get(entry.getKey());
            if (there == null) {
                differences.add(table.name() + " " + entry.getKey() + ": missing in the target");
            } else if (!there.equals(entry.getValue())) {
                differences.add(table.name() + " " + entry.getKey() + ": differs");
            }
            if (differences.size() == NAMED_DIFFERENCES) {
                return differences;
            }
        }
        for (String key : targetRows.keySet()) {
            if (!sourceRows.containsKey(key)) {
                differences.add(table.name() + " " + key + ": only in the target");
                if (differences.size() == NAMED_DIFFERENCES) {
                    break;
                }
            }
        }
        if (differences.isEmpty()) {
            differences.add(table.name() + ": the rows changed between the reads (the source is being written)");
        }
        return differences;
    }

    private static Map<String, String> rowHashes(TableSpec table, Side side) {
        Function<List<Object>, String> hash = row -> HexFormat.of().formatHex(CanonicalRows.hash(table, row));
        return side.snapshot(snapshot -> {
            Map<String, String> rows = new HashMap<>();
            snapshot.scan(table, row -> rows.put(CanonicalRows.key(table.keyOf(row)), hash.apply(row)));
            return rows;
        });
    }
}
