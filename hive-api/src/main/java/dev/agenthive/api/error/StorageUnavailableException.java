package dev.agenthive.api.error;

/**
 * The store could not serve the call: unreachable, closed, out of disk, or still contended after
 * the bounded retries. The operation may or may not be retried by the caller; a write that ended
 * with this exception was not acknowledged.
 */
public class StorageUnavailableException extends HiveException {
    private static final long serialVersionUID = 1L;

    public StorageUnavailableException(String message, Throwable cause) {
        super(ErrorCode.STORAGE_UNAVAILABLE, message, cause);
    }
}
