package dev.agenthive.store.jdbc;

import dev.agenthive.api.error.StorageUnavailableException;

/**
 * Lock contention that the store's retry loop handles by running the whole transaction again.
 * It is a {@link StorageUnavailableException} so that, should it ever escape the loop, callers
 * still see a hive-api type.
 */
public final class RetryableStorageException extends StorageUnavailableException {
    private static final long serialVersionUID = 1L;

    public RetryableStorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
