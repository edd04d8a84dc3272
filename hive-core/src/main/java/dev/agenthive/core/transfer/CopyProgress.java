package dev.agenthive.core.transfer;

/** Hears how a copy goes, table by table; called from the copying thread. */
public interface CopyProgress {

    /** Hears nothing. */
    CopyProgress NONE = new CopyProgress() {
    };

    /** The copy of {@code table} starts; the source holds {@code rows} rows of it. */
    default void started(String table, long rows) {
    }

    /** {@code done} rows of {@code table} have been read and handled so far. */
    default void advanced(String table, long done) {
    }

    /** The copy of a table is done. */
    default void finished(TableResult result) {
    }

    /** {@code done} of the {@code total} blobs the rows need have been handled. */
    default void blobs(long done, long total) {
    }
}
