package dev.agenthive.core.transfer;

import dev.agenthive.api.Checks;
import dev.agenthive.api.error.InvalidInputException;
import dev.agenthive.api.transfer.TableSpec;

import java.util.List;

import java.util.Optional;
import java.util.Set;

/**
 * How a copy runs.
 *
 * @param batchSize rows per target transaction, at least 1
 * @param resume    whether the target may hold rows already (from an earlier copy that stopped): rows
 *                  it holds are left as they are, the rest are copied
 * @param dryRun    read everything and report, write nothing
 * @param tables    copy only these tables; empty: every table
 */
public record CopyOptions(int batchSize, boolean resume, boolean dryRun, Optional<Set<String>> tables) {
    /** The batch size when none is given. */
    public static final int DEFAULT_BATCH_SIZE = 500;

    public CopyOptions {
        Checks.positive(batchSize, "batchSize");
        tables = Checks.notNull(tables, "tables").map(Set::copyOf);
    }

    /**
     * The tables of {@code all} these options copy, in their order.
     *
     * @throws InvalidInputException a table named in {@link #tables()} is not among them
     */
    public List<TableSpec> select(List<TableSpec> all) {
        if (tables.isEmpty()) {
            return all;
        }
        Set<String> wanted = tables.get();
        for (String name : wanted) {
            if (all.stream().noneMatch(table -> table.name().equals(name))) {
                throw new InvalidInputException("tables", "no table '" + name + "'; the tables are "
                        + all.stream().map(TableSpec::name).toList());
            }
        }
        return all.stream().filter(table -> wanted.contains(table.name())).toList();
    }

    /** A full copy into an empty target in batches of {@value #DEFAULT_BATCH_SIZE}. */
    public static CopyOptions defaults() {
        return new CopyOptions(DEFAULT_BATCH_SIZE, false, false, Optional.empty());
    }
}
