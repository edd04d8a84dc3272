package dev.agenthive.core.transfer;

import java.util.List;

/**
 * The proof that a target holds what its source held.
 *
 * @param source the source's location
 * @param target the target's location
 * @param tables each table compared, in order
 */
public record ValidationReport(String source, String target, List<TableComparison> tables) {
    public ValidationReport {
        tables = List.copyOf(tables);
    }

    /** Whether every table's count and checksum are equal. */
    public boolean equal() {
        return tables.stream().allMatch(TableComparison::equal);
    }
}
