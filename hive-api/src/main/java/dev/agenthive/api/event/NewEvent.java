package dev.agenthive.api.event;

import dev.agenthive.api.Checks;
import dev.agenthive.api.json.Json;

import java.time.Instant;

/**
 * Command to record an event; the service assigns the id.
 *
 * @param type          free-text kind
 * @param severity      importance
 * @param agentId       optional agent concerned
 * @param correlationId optional correlation id
 * @param details       optional details; {@code null} means {@code {}}
 * @param occurredAt    optional; {@code null} means now
 */
public record NewEvent(
        String type,
        Severity severity,
        String agentId,
        String correlationId,
        Json details,
        Instant occurredAt) {

    public NewEvent {
        Checks.id(type, "event.type");
        Checks.notNull(severity, "event.severity");
        Checks.optionalId(agentId, "event.agentId");
        Checks.optionalId(correlationId, "event.correlationId");
        details = details == null ? Json.EMPTY_OBJECT : Checks.json(details, "event.details");
    }

    public static NewEvent of(String type, Severity severity, String agentId, Json details) {
        return new NewEvent(type, severity, agentId, null, details, null);
    }
}
