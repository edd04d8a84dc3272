package dev.agenthive.api.snapshot;

import dev.agenthive.api.Checks;
import dev.agenthive.api.error.InvalidInputException;
import dev.agenthive.api.json.Json;

/**
 * Command to take a memory snapshot.
 *
 * @param agentId    the agent, which must be registered
 * @param sessionId  optional context session of that agent
 * @param memoryType free-text kind of memory
 * @param importance 0.0..1.0
 * @param content    the content; the core normalises it, so equal JSON shares one stored copy
 */
public record NewSnapshot(String agentId, String sessionId, String memoryType, double importance, Json content) {

    public NewSnapshot {
        Checks.id(agentId, "snapshot.agentId");
        Checks.optionalId(sessionId, "snapshot.sessionId");
        Checks.id(memoryType, "snapshot.memoryType");
        if (!(importance >= 0.0 && importance <= 1.0)) {
            throw new InvalidInputException("snapshot.importance", "must be between 0.0 and 1.0, was " + importance);
        }
        Checks.json(Checks.notNull(content, "snapshot.content"), "snapshot.content");
    }

    /** A snapshot outside any session. */
    public static NewSnapshot of(String agentId, String memoryType, double importance, Json content) {
        return new NewSnapshot(agentId, null, memoryType, importance, content);
    }

    /** The same snapshot with other content. */
    public NewSnapshot withContent(Json newContent) {
        return new NewSnapshot(agentId, sessionId, memoryType, importance, newContent);
    }
}
