package dev.agenthive.api.event;

import dev.agenthive.api.Checks;
import dev.agenthive.api.json.Json;

import java.time.Instant;

/**
 * An event of the platform's log. Events are immutable once appended.
 *
 * @param id            time-ordered identifier
 * @param type          free-text kind, e.g. {@code "task.completed"}
 * @param severity      how important it is; retention is per severity
 * @param agentId       the agent concerned, or {@code null}; not required to be registered
 * @param correlationId optional id tying related events together
 * @param details       structured details
 * @param occurredAt    when it happened
 */
public record Event(
        String id,
        String type,
        Severity severity,
        String agentId,
        String correlationId,
        Json details,
        Instant occurredAt) {

    public Event {
        Checks.id(id, "event.id");
        Checks.id(type, "event.type");
        Checks.notNull(severity, "event.severity");
        Checks.optionalId(agentId, "event.agentId");
        Checks.optionalId(correlationId, "event.correlationId");
        Checks.notNull(details, "event.details");
        Checks.notNull(occurredAt, "event.occurredAt");
    }
}
