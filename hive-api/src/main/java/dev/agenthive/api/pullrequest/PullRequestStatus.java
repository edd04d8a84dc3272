package dev.agenthive.api.pullrequest;

import dev.agenthive.api.error.InvalidInputException;

import java.util.Arrays;
import java.util.Locale;
import java.util.Set;

/**
 * State of a pull request. Stored as the lower-case {@link #dbValue()}.
 *
 * <pre>
 * OPEN --merge--> MERGED (final)
 * OPEN --close--> CLOSED --reopen--> OPEN
 * </pre>
 */
public enum PullRequestStatus {
    OPEN,
    /** Merged into its target branch; no transition leaves it. */
    MERGED,
    /** Closed without merging; it may be reopened. */
    CLOSED;

    /** The value stored in the database and shown to users. */
    public String dbValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** No transition leaves a final state. */
    public boolean isFinal() {
        return this == MERGED;
    }

    /** States from which a pull request may move to {@code target}; empty when nothing leads there. */
    public static Set<PullRequestStatus> allowedSources(PullRequestStatus target) {
        return switch (target) {
            case OPEN -> Set.of(CLOSED);
            case MERGED, CLOSED -> Set.of(OPEN);
        };
    }

    /** Parses a stored or user-given value, case-insensitively. */
    public static PullRequestStatus parse(String value) {
        if (value != null) {
            for (PullRequestStatus status : values()) {
                if (status.dbValue().equalsIgnoreCase(value.trim())) {
                    return status;
                }
            }
        }
        throw new InvalidInputException("pullRequest.status", "must be one of "
                + Arrays.stream(values()).map(PullRequestStatus::dbValue).toList() + ", was '" + value + "'");
    }
}
