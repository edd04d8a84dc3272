package dev.agenthive.api.checkpoint;

import dev.agenthive.api.error.InvalidInputException;

import java.util.Arrays;
import java.util.Locale;

/**
 * Outcome of a checkpoint's latest evaluation. Stored as the lower-case {@link #dbValue()}. A
 * checkpoint is {@link #PENDING} until first evaluated; every evaluation then sets
 * {@link #PASSED} or {@link #FAILED}, whatever it was before.
 */
public enum CheckpointStatus {
    PENDING,
    PASSED,
    FAILED;

    /** The value stored in the database and shown to users. */
    public String dbValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a stored or user-given value, case-insensitively. */
    public static CheckpointStatus parse(String value) {
        if (value != null) {
            for (CheckpointStatus status : values()) {
                if (status.dbValue().equalsIgnoreCase(value.trim())) {
                    return status;
                }
            }
        }
        throw new InvalidInputException("checkpoint.status", "must be one of "
                + Arrays.stream(values()).map(CheckpointStatus::dbValue).toList() + ", was '" + value + "'");
    }
}
