package dev.agenthive.api.error;

/**
 * The operation conflicts with the current state written by someone else: a duplicate unique
 * value ({@link ErrorCode#DUPLICATE}), a compare-and-set on a stale version
 * ({@link ErrorCode#VERSION_MISMATCH}) or a lease that another holder took over
 * ({@link ErrorCode#LEASE_LOST}).
 */
public class ConflictException extends HiveException {
    private static final long serialVersionUID = 1L;

    public ConflictException(ErrorCode code, String message) {
        super(requireConflictCode(code), message);
    }

    public ConflictException(ErrorCode code, String message, Throwable cause) {
        super(requireConflictCode(code), message, cause);
    }

    private static ErrorCode requireConflictCode(ErrorCode code) {
        if (code != ErrorCode.DUPLICATE && code != ErrorCode.VERSION_MISMATCH && code != ErrorCode.LEASE_LOST) {
            throw new IllegalArgumentException("not a conflict code: " + code);
        }
        return code;
    }
}
