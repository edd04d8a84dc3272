package dev.agenthive.api.project;

import dev.agenthive.api.error.InvalidInputException;

import java.util.Arrays;
import java.util.Locale;

/** Whether a project is a top-level project or an epic inside one. Stored as the lower-case {@link #dbValue()}. */
public enum ProjectKind {
    /** A top-level project; it has no parent. */
    PROJECT,
    /** A part of exactly one project; epics do not nest. */
    EPIC;

    /** The value stored in the database and shown to users. */
    public String dbValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a stored or user-given value, case-insensitively. */
    public static ProjectKind parse(String value) {
        if (value != null) {
            for (ProjectKind kind : values()) {
                if (kind.dbValue().equalsIgnoreCase(value.trim())) {
                    return kind;
                }
            }
        }
        throw new InvalidInputException("project.kind", "must be one of "
                + Arrays.stream(values()).map(ProjectKind::dbValue).toList() + ", was '" + value + "'");
    }
}
