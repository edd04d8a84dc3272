package dev.agenthive.store.jdbc;

/**
 * Savepoints around each unit of work inside a transaction, and the isolation of a pooled executor's
 * transactions. One fixed savepoint name is enough: databases resolve a savepoint name to the most
 * recent one, so nested units stack properly.
 */
public interface TransactionMapper {

    void savepoint();

    void release();

    void rollbackToSavepoint();

    /** Makes the transaction just begun as strict as a write needs (SERIALIZABLE); its first statement. */
    void isolateWrite();

    /** Gives the read-only transaction just begun one snapshot (REPEATABLE READ); its first statement. */
    void isolateRead();
}
