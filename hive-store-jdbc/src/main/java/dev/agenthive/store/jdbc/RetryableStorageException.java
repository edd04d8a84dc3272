package dev.agenthive.store.jdbc;

import dev.agenthive.api.error.StorageUnavailableException;

import java.sql.SQLException;

/**
 * Lock contention that the store's retry loop handles by running the whole transaction again.
 * It is a {@link StorageUnavailableException} so that, should it ever escape the loop, callers
 * still see a hive-api type.
 */
public final class RetryableStorageException extends StorageUnavailableException {
    private static final long serialVersionUID = 1L;

    /** SQLSTATE of a serialization failure, which every database that has them reports alike. */
    private static final String SERIALIZATION_FAILURE = "40001";

    public RetryableStorageException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Whether the database aborted the transaction for a serialization failure (SQLSTATE 40001). */
    public boolean serializationFailure() {
        return getCause() instanceof SQLException sql && SERIALIZATION_FAILURE.equals(sql.getSQLState());
    }
}
