package dev.agenthive.api.transfer;

import dev.agenthive.api.blob.BlobReference;

import java.util.List;
import java.util.function.Consumer;

/** The tables of a store as they were at one point in time; valid only inside {@link TableAccess#snapshot}. */
public interface TableSnapshot {

    /** How many rows {@code table} holds. */
    long count(TableSpec table);

    /**
     * Hands every row of {@code table} to {@code rows}, in no particular order, streaming: the rows
     * are never all in memory. Each row is a list of values in {@link TableSpec#columns()} order,
     * of the Java types {@link ColumnType} names, {@code null} where a row holds no value.
     */
    void scan(TableSpec table, Consumer<List<Object>> rows);

    /** Every blob the rows of this snapshot need, each reference once per row that needs it. */
    void blobReferences(Consumer<BlobReference> references);
}
