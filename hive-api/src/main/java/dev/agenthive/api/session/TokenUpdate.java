package dev.agenthive.api.session;

import dev.agenthive.api.Checks;
import dev.agenthive.api.error.InvalidInputException;

/**
 * Command to set the token count of an active session and, at the same time, move its usage level
 * from the level the caller read to the level it computed (a compare-and-set on the level, so that
 * a level is reached, and reported, only once).
 *
 * @param sessionId     the session
 * @param tokenCount    tokens in the context now, 0..{@value #MAX_TOKEN_COUNT}
 * @param expectedLevel the level the caller read; the update fails if the stored one differs
 * @param usageLevel    the new level, not below {@code expectedLevel}
 */
public record TokenUpdate(String sessionId, long tokenCount, UsageLevel expectedLevel, UsageLevel usageLevel) {
    /** Largest token count accepted. */
    public static final long MAX_TOKEN_COUNT = 1_000_000_000_000L;

    public TokenUpdate {
        Checks.id(sessionId, "session.id");
        checkTokenCount(tokenCount);
        Checks.notNull(expectedLevel, "session.expectedLevel");
        Checks.notNull(usageLevel, "session.usageLevel");
        if (expectedLevel.isAbove(usageLevel)) {
            throw new InvalidInputException("session.usageLevel", "must not be below the current level "
                    + expectedLevel.dbValue() + ", was " + usageLevel.dbValue());
        }
    }

    /** Checks a token count as {@code session.tokenCount}: 0..{@value #MAX_TOKEN_COUNT}. */
    public static long checkTokenCount(long tokenCount) {
        if (tokenCount < 0 || tokenCount > MAX_TOKEN_COUNT) {
            throw new InvalidInputException("session.tokenCount",
                    "must be between 0 and " + MAX_TOKEN_COUNT + ", was " + tokenCount);
        }
        return tokenCount;
    }
}
