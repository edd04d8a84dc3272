package dev.agenthive.api.error;

import java.util.Objects;

/**
 * Root of every exception Agent Hive throws through its API and ports. Unchecked, carrying an
 * {@link ErrorCode} so callers can react to the kind of failure without parsing messages.
 * Adapters translate driver exceptions into subclasses of this type; no driver exception type
 * crosses a port.
 */
public class HiveException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ErrorCode code;

    public HiveException(ErrorCode code, String message) {
        this(code, message, null);
    }

    public HiveException(ErrorCode code, String message, Throwable cause) {
        super(message, cause);
        this.code = Objects.requireNonNull(code, "code is null");
    }

    /** The reason of this failure. */
    public ErrorCode code() {
        return code;
    }
}
