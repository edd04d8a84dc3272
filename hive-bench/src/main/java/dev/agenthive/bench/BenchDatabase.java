package dev.agenthive.bench;

/**
 * A database server or directory that hands every contender a clean database of its own and removes
 * every one of them again.
 */
interface BenchDatabase extends AutoCloseable {
    /** "sqlite" or "postgresql". */
    String store();

    /** A new, empty database (no schema); the caller {@link #drop}s it when done. */
    BenchTarget fresh() throws Exception;

    /** Removes a database made by {@link #fresh()}, with whatever still connects to it. */
    void drop(BenchTarget target) throws Exception;

    /** The database software's version, for the report header. */
    String version() throws Exception;

    /** Drops what is left and stops what was started. */
    @Override
    void close() throws Exception;
}
