package dev.agenthive.api.session;

import dev.agenthive.api.error.InvalidInputException;

import java.util.Arrays;
import java.util.Locale;

/**
 * How full a session's context window is, in increasing order: the highest threshold of
 * {@link UsageThresholds} a session has crossed so far. Stored as the lower-case {@link #dbValue()}.
 */
public enum UsageLevel {
    /** Below every threshold. */
    NORMAL,
    /** Time to consolidate memory. */
    CONSOLIDATE,
    /** Close to the limit. */
    CRITICAL,
    /** The agent should sleep (snapshot its working memory and end the session). */
    SLEEP;

    /** The value stored in the database and shown to users. */
    public String dbValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether this level is higher than {@code other}. */
    public boolean isAbove(UsageLevel other) {
        return compareTo(other) > 0;
    }

    /** Parses a stored or user-given value, case-insensitively. */
    public static UsageLevel parse(String value) {
        if (value != null) {
            for (UsageLevel level : values()) {
                if (level.dbValue().equalsIgnoreCase(value.trim())) {
                    return level;
                }
            }
        }
        throw new InvalidInputException("session.usageLevel", "must be one of "
                + Arrays.stream(values()).map(UsageLevel::dbValue).toList() + ", was '" + value + "'");
    }
}
