package dev.agenthive.api.error;

/**
 * Machine-readable reason of a {@link HiveException}. Callers branch on the code, never on the
 * message text.
 */
public enum ErrorCode {
    /** The addressed entity does not exist. */
    NOT_FOUND,
    /** A unique value (id, key, number) is already taken. */
    DUPLICATE,
    /** A compare-and-set found another version than the caller expected. */
    VERSION_MISMATCH,
    /** The caller's lease token is no longer the current one: another holder owns the task. */
    LEASE_LOST,
    /** The entity is in a state from which the requested transition is not allowed. */
    INVALID_STATE_TRANSITION,
    /** An argument broke a documented rule; the message names the field and the rule. */
    INVALID_INPUT,
    /** The backing store could not be reached or refused the operation for operational reasons. */
    STORAGE_UNAVAILABLE,
    /** The store does not implement this part of the api (e.g. an aggregate added after it was written). */
    UNSUPPORTED,
    /** The configuration is incomplete or contradictory, or names no installed provider. */
    CONFIGURATION,
    /** Stored content does not match its address (a changed, truncated or unreadable blob). */
    CORRUPTED,
    /** An invariant of the platform itself was broken; always a bug. */
    INTERNAL
}
