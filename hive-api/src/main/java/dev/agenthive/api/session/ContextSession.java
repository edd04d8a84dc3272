package dev.agenthive.api.session;

import java.time.Instant;
import java.util.Objects;

/**
 * A context session of an agent as stored: how much of its context window the agent has used. An
 * agent has at most one active session.
 *
 * @param id         generated, time-ordered identifier
 * @param agentId    the agent whose context this is
 * @param tokenCount tokens in the context now; may exceed {@code maxTokens}
 * @param maxTokens  size of the context window, positive
 * @param usageLevel highest level crossed so far in this session; it never goes down
 * @param active     whether this is the agent's current session
 * @param startedAt  when the session started
 * @param endedAt    when it ended, or {@code null} while active
 * @param updatedAt  last change
 */
public record ContextSession(
        String id,
        String agentId,
        long tokenCount,
        long maxTokens,
        UsageLevel usageLevel,
        boolean active,
        Instant startedAt,
        Instant endedAt,
        Instant updatedAt) {

    public ContextSession {
        Objects.requireNonNull(id, "id is null");
        Objects.requireNonNull(agentId, "agentId is null");
        Objects.requireNonNull(usageLevel, "usageLevel is null");
        Objects.requireNonNull(startedAt, "startedAt is null");
        Objects.requireNonNull(updatedAt, "updatedAt is null");
    }

    /** Used share of the context window, {@code tokenCount / maxTokens} (above 1 when overfull). */
    public double usage() {
        return (double) tokenCount / maxTokens;
    }

    /** {@link #usage()} in percent. */
    public double usagePercent() {
        return usage() * 100;
    }
}
