package dev.agenthive.api.session;

import dev.agenthive.api.Checks;
import dev.agenthive.api.error.InvalidInputException;

/**
 * Command to start a context session; it starts with no tokens at {@link UsageLevel#NORMAL}.
 *
 * @param agentId   the agent, which must be registered
 * @param maxTokens size of the context window, 1..{@value #MAX_TOKENS_LIMIT}
 */
public record NewSession(String agentId, long maxTokens) {
    /** Largest context window accepted. */
    public static final long MAX_TOKENS_LIMIT = 1_000_000_000L;

    public NewSession {
        Checks.id(agentId, "session.agentId");
        if (maxTokens < 1 || maxTokens > MAX_TOKENS_LIMIT) {
            throw new InvalidInputException("session.maxTokens",
                    "must be between 1 and " + MAX_TOKENS_LIMIT + ", was " + maxTokens);
        }
    }
}
