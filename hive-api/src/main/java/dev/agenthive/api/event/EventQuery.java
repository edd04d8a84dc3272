package dev.agenthive.api.event;

import dev.agenthive.api.Checks;
import dev.agenthive.api.error.InvalidInputException;

import java.time.Instant;

/**
 * Filter and page of an event query; {@code null} fields do not filter. Results are ordered by
 * occurrence, then id; {@code after} is the {@link EventPage#nextCursor()} of the previous page.
 *
 * @param agentId       only this agent's events
 * @param type          only this type
 * @param minSeverity   only this severity and above
 * @param correlationId only this correlation id
 * @param from          occurred at or after (inclusive)
 * @param to            occurred before (exclusive)
 * @param after         opaque cursor from the previous page
 * @param limit         page size, 1..10,000
 */
public record EventQuery(
        String agentId,
        String type,
        Severity minSeverity,
        String correlationId,
        Instant from,
        Instant to,
        String after,
        int limit) {

    public static final int MAX_LIMIT = 10_000;

    public EventQuery {
        Checks.optionalId(agentId, "eventQuery.agentId");
        Checks.optionalId(type, "eventQuery.type");
        Checks.optionalId(correlationId, "eventQuery.correlationId");
        Checks.between(limit, 1, MAX_LIMIT, "eventQuery.limit");
        if (from != null && to != null && !from.isBefore(to)) {
            throw new InvalidInputException("eventQuery.to", "must be after eventQuery.from");
        }
        if (after != null) {
            EventCursor.parse(after);
        }
    }

    /** Every event, first page of {@code limit}. */
    public static EventQuery all(int limit) {
        return new EventQuery(null, null, null, null, null, null, null, limit);
    }

    public EventQuery withAfter(String cursor) {
        return new EventQuery(agentId, type, minSeverity, correlationId, from, to, cursor, limit);
    }
}
