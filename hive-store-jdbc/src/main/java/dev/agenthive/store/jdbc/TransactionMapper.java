package dev.agenthive.store.jdbc;

/**
 * Savepoints around each unit of work inside a transaction. One fixed name is enough: SQLite and
 * PostgreSQL both resolve a savepoint name to the most recent one, so nested units stack properly.
 */
public interface TransactionMapper {

    void savepoint();

    void release();

    void rollbackToSavepoint();
}
