package dev.agenthive.api.transfer;

/** Work that reads a store's tables at one point in time. */
@FunctionalInterface
public interface SnapshotWork<T> {

    /** Reads through {@code snapshot}; may run again from the start (see {@link TableAccess#snapshot}). */
    T read(TableSnapshot snapshot);
}
