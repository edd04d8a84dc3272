package dev.agenthive.core.transfer;

import dev.agenthive.api.Checks;

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

    /** A full copy into an empty target in batches of {@value #DEFAULT_BATCH_SIZE}. */
    public static CopyOptions defaults() {
        return new CopyOptions(DEFAULT_BATCH_SIZE, false, false, Optional.empty());
    }
}
