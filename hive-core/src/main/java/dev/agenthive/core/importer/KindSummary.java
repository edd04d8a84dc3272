package dev.agenthive.core.importer;

/**
 * The counts of one kind of state in an import.
 *
 * @param kind     the kind, e.g. {@code agents}
 * @param imported rows written by this run
 * @param skipped  rows the hive held already, or left out on purpose
 * @param rejected rows that could not be imported
 */
public record KindSummary(String kind, long imported, long skipped, long rejected) {
}
