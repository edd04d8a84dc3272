package dev.agenthive.core.transfer;

import java.util.List;

/**
 * What a copy did.
 *
 * @param source       where the rows came from
 * @param target       where they went
 * @param dryRun       whether nothing was written (the counts say what would have been)
 * @param tables       per table, in copy order
 * @param blobsCopied  blobs written to the target's blob store (in a dry run: found in the source)
 * @param blobsPresent blobs the target had already
 * @param blobProblems blobs that could not be copied, each with the reason
 * @param rejectSample the first rejected rows, for the summary (all are in the reject file)
 * @param nanos        how long the copy took
 */
public record CopyReport(String source, String target, boolean dryRun, List<TableResult> tables, long blobsCopied,
                         long blobsPresent, List<String> blobProblems, List<Reject> rejectSample, long nanos) {
    public CopyReport {
        tables = List.copyOf(tables);
        blobProblems = List.copyOf(blobProblems);
        rejectSample = List.copyOf(rejectSample);
    }

    /** Rows refused by the target, over all tables. */
    public long rejected() {
        return tables.stream().mapToLong(TableResult::rejected).sum();
    }

    /** Rows read from the source, over all tables. */
    public long sourceRows() {
        return tables.stream().mapToLong(TableResult::sourceRows).sum();
    }
}
