package dev.agenthive.core.transfer;

import java.util.List;

/**
 * One table compared.
 *
 * @param table       the table
 * @param expected    what the target must hold
 * @param actual      what it holds
 * @param differences the first rows that differ, when the two do
 */
public record TableComparison(String table, TableSummary expected, TableSummary actual, List<String> differences) {
    public TableComparison {
        differences = List.copyOf(differences);
    }

    public boolean equal() {
        return expected.equals(actual);
    }
}
