package dev.agenthive.store.jdbc.event;

import dev.agenthive.api.event.Event;
import dev.agenthive.api.event.FeedCursor;
import dev.agenthive.api.event.Severity;
import dev.agenthive.api.json.Json;

import java.time.Instant;

/**
 * A row of {@code EventMapper.follow}: an event and its position in commit order, {@code tx} (0 where
 * {@code seq} alone is in commit order) then {@code seq}.
 */
public record FeedRow(String id, String type, Severity severity, String agentId, String correlationId, Json details,
                      Instant occurredAt, long tx, long seq) {

    Event event() {
        return new Event(id, type, severity, agentId, correlationId, details, occurredAt);
    }

    FeedCursor cursor() {
        return new FeedCursor(tx, seq);
    }
}
