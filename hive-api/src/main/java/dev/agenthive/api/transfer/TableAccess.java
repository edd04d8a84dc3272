package dev.agenthive.api.transfer;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A store capability ({@link dev.agenthive.api.store.HiveStore#tableAccess()}): its rows as they
 * are, for copy, backup, restore and import. Stores with the same {@link #layout()} hold the same
 * tables with the same columns, so rows read from one can be written to the other unchanged.
 */
public interface TableAccess {

    /**
     * The version of the table layout, the same number for every store that holds the same tables
     * and columns whatever migrations built them. Rows move only between equal layouts.
     */
    int layout();

    /** The tables, parents before the tables whose rows refer to them. */
    List<TableSpec> tables();

    /** The table called {@code name}, if the layout has it. */
    default Optional<TableSpec> table(String name) {
        return tables().stream().filter(table -> table.name().equals(name)).findFirst();
    }

    /**
     * Runs {@code work} over one consistent snapshot of every table. Concurrent writers go on while
     * it reads (it holds no lock that blocks them). The work may run more than once, from the start,
     * when the store has to retry the read; it must start over each time.
     *
     * @throws dev.agenthive.api.error.StorageUnavailableException the store cannot be read
     */
    <T> T snapshot(SnapshotWork<T> work);

    /**
     * The keys among {@code keys} (each in {@link TableSpec#key()} order) that rows of {@code table}
     * hold now.
     */
    Set<List<Object>> presentKeys(TableSpec table, List<List<Object>> keys);

    /**
     * Inserts {@code rows} (values in {@link TableSpec#columns()} order) in one transaction: all of
     * them or, when any is refused, none.
     *
     * @throws dev.agenthive.api.error.InvalidInputException a row breaks a rule of the schema
     * @throws dev.agenthive.api.error.ConflictException     a row's key, or another unique value, is taken
     * @throws dev.agenthive.api.error.StorageUnavailableException the store cannot be written
     */
    void insert(TableSpec table, List<List<Object>> rows);
}
