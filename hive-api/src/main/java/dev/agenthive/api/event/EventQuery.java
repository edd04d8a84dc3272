package dev.agenthive.api.event;

import dev.agenthive.api.Checks;
import dev.agenthive.api.error.InvalidInputException;
import dev.agenthive.api.json.Json;

import java.time.Instant;

/**
 * Filter and page of an event query; {@code null} fields do not filter. Results are ordered by
 * occurrence, then id; {@code after} is the {@link EventPage#nextCursor()} of the previous page.
 *
 * @param agentId       only this agent's events
 * @param type          only this type
 * @param minSeverity   only this severity and above
 * @param correlationId only this correlation id
 * @param detailsContain only events whose details contain this JSON fragment, with PostgreSQL's
 *                      {@code jsonb @>} semantics on every store (see {@link Json})
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
        Json detailsContain,
        Instant from,
        Instant to,
        String after,
        int limit) {

    public static final int MAX_LIMIT = 10_000;

    public EventQuery {
        Checks.optionalId(agentId, "eventQuery.agentId");
        Checks.optionalId(type, "eventQuery.type");
        Checks.optionalId(correlationId, "eventQuery.correlationId");
        Checks.json(detailsContain, "eventQuery.detailsContain");
        Checks.between(limit, 1, MAX_LIMIT, "eventQuery.limit");
        if (from != null && to != null && !from.isBefore(to)) {
            throw new InvalidInputException("eventQuery.to", "must be after eventQuery.from");
        }
        if (after != null) {
            EventCursor.parse(after);
        }
    }

    /** A filter without a details fragment. */
    public EventQuery(String agentId, String type, Severity minSeverity, String correlationId,
                      Instant from, Instant to, String after, int limit) {
        this(agentId, type, minSeverity, correlationId, null, from, to, after, limit);
    }

    /** Every event, first page of {@code limit}. */
    public static EventQuery all(int limit) {
        return new EventQuery(null, null, null, null, null, null, null, limit);
    }

    /** The next page of this query. */
    public EventQuery withAfter(String cursor) {
        return new EventQuery(agentId, type, minSeverity, correlationId, detailsContain, from, to, cursor, limit);
    }

    /** This filter, also requiring the details to contain {@code fragment}. */
    public EventQuery withDetailsContaining(Json fragment) {
        return new EventQuery(agentId, type, minSeverity, correlationId,
                Checks.notNull(fragment, "eventQuery.detailsContain"), from, to, after, limit);
    }
}
