package dev.agenthive.api.project;

import dev.agenthive.api.error.InvalidInputException;

import java.util.Arrays;
import java.util.Locale;
import java.util.Set;

/**
 * Lifecycle state of a project or epic. Stored as the lower-case {@link #dbValue()}.
 *
 * <pre>
 * ACTIVE &lt;--&gt; COMPLETED
 * ACTIVE, COMPLETED --&gt; ARCHIVED (final)
 * </pre>
 */
public enum ProjectStatus {
    ACTIVE,
    COMPLETED,
    /** Kept for the record only; no transition leaves it. */
    ARCHIVED;

    /** The value stored in the database and shown to users. */
    public String dbValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** States from which {@code target} may be set. */
    public static Set<ProjectStatus> allowedSources(ProjectStatus target) {
        return switch (target) {
            case ACTIVE -> Set.of(ACTIVE, COMPLETED);
            case COMPLETED -> Set.of(ACTIVE, COMPLETED);
            case ARCHIVED -> Set.of(ACTIVE, COMPLETED);
        };
    }

    /** Parses a stored or user-given value, case-insensitively. */
    public static ProjectStatus parse(String value) {
        if (value != null) {
            for (ProjectStatus status : values()) {
                if (status.dbValue().equalsIgnoreCase(value.trim())) {
                    return status;
                }
            }
        }
        throw new InvalidInputException("project.status", "must be one of "
                + Arrays.stream(values()).map(ProjectStatus::dbValue).toList() + ", was '" + value + "'");
    }
}
