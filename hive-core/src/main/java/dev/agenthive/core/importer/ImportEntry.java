package dev.agenthive.core.importer;

/**
 * One line of an import report: something read that was not imported, and why.
 *
 * @param kind    the kind of state, e.g. {@code tasks}
 * @param origin  where it came from, e.g. {@code .hive-mind/hive.db tasks id=t1}
 * @param outcome {@link ImportOutcome#SKIPPED} or {@link ImportOutcome#REJECTED}
 * @param reason  why
 */
public record ImportEntry(String kind, String origin, ImportOutcome outcome, String reason) {
}
