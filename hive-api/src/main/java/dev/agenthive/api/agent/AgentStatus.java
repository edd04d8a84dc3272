package dev.agenthive.api.agent;

import dev.agenthive.api.error.InvalidInputException;

import java.util.Arrays;
import java.util.Locale;
import java.util.Set;

/** Lifecycle state of an agent. Stored as the lower-case {@link #dbValue()}. */
public enum AgentStatus {
    ACTIVE,
    IDLE,
    SLEEPING,
    /** Declared dead because its heartbeat went stale; it must register again to come back. */
    CRASHED,
    /** Stopped for good; only a new registration brings the id back. */
    TERMINATED;

    /** The value stored in the database and shown to users. */
    public String dbValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * States from which {@code target} may be set by a status change. Registration is not a status
     * change: it brings any agent back to {@link #ACTIVE}.
     */
    public static Set<AgentStatus> allowedSources(AgentStatus target) {
        return switch (target) {
            case ACTIVE, IDLE, SLEEPING -> Set.of(ACTIVE, IDLE, SLEEPING);
            case CRASHED -> Set.of(ACTIVE, IDLE, SLEEPING);
            case TERMINATED -> Set.of(ACTIVE, IDLE, SLEEPING, CRASHED);
        };
    }

    /** Agents in these states are expected to heartbeat and may hold tasks. */
    public boolean isLive() {
        return this == ACTIVE || this == IDLE || this == SLEEPING;
    }

    /** Parses a stored or user-given value, case-insensitively. */
    public static AgentStatus parse(String value) {
        if (value != null) {
            for (AgentStatus status : values()) {
                if (status.dbValue().equalsIgnoreCase(value.trim())) {
                    return status;
                }
            }
        }
        throw new InvalidInputException("agent.status", "must be one of "
                + Arrays.stream(values()).map(AgentStatus::dbValue).toList() + ", was '" + value + "'");
    }
}
