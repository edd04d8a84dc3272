package dev.agenthive.core.importer;

import java.util.List;

/**
 * What an import did: a summary per kind of state and every row or file it did not import, with the
 * reason.
 *
 * @param source  the importer's name
 * @param folder  the folder read
 * @param kinds   the counts per kind, in the order kinds were first met
 * @param entries everything skipped or rejected
 */
public record ImportReport(String source, String folder, List<KindSummary> kinds, List<ImportEntry> entries) {
    public ImportReport {
        kinds = List.copyOf(kinds);
        entries = List.copyOf(entries);
    }

    /** Rows written by this run. */
    public long imported() {
        return kinds.stream().mapToLong(KindSummary::imported).sum();
    }

    /** Rows skipped, among them those an earlier import wrote. */
    public long skipped() {
        return kinds.stream().mapToLong(KindSummary::skipped).sum();
    }

    /** Rows and files rejected. */
    public long rejected() {
        return kinds.stream().mapToLong(KindSummary::rejected).sum();
    }

    /** How many rows the hive holds from this folder: written now or by an earlier import. */
    public long alreadyImported() {
        return entries.stream().filter(entry -> entry.outcome() == ImportOutcome.SKIPPED
                && entry.reason().equals(ImportRun.ALREADY_IMPORTED)).count();
    }
}
