package dev.agenthive.api.checkpoint;

import dev.agenthive.api.error.InvalidInputException;

import java.util.Arrays;
import java.util.Locale;

/** What a checkpoint stands for. Stored as the lower-case {@link #dbValue()}. */
public enum CheckpointKind {
    /** A bar the work must clear, e.g. coverage or a green build. */
    QUALITY_GATE,
    /** A point of progress, e.g. every task of an epic done. */
    MILESTONE;

    /** The value stored in the database and shown to users. */
    public String dbValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a stored or user-given value, case-insensitively. */
    public static CheckpointKind parse(String value) {
        if (value != null) {
            for (CheckpointKind kind : values()) {
                if (kind.dbValue().equalsIgnoreCase(value.trim())) {
                    return kind;
                }
            }
        }
        throw new InvalidInputException("checkpoint.kind", "must be one of "
                + Arrays.stream(values()).map(CheckpointKind::dbValue).toList() + ", was '" + value + "'");
    }
}
