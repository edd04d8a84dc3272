package dev.agenthive.core.importer;

/** What became of one thing an importer read. */
public enum ImportOutcome {
    /** Written to the hive by this run. */
    IMPORTED,
    /** Not written: the hive holds it already (an earlier import), or the importer left it out on purpose. */
    SKIPPED,
    /** Not written: it could not be turned into a row the hive accepts. */
    REJECTED
}
