package dev.agenthive.api.event;

import dev.agenthive.api.error.InvalidInputException;

import java.time.Instant;

/**
 * Position after an event in the (occurredAt, id) order; encoded as {@code millis/id}. Keyset
 * paging keeps every page an index range scan, however deep.
 */
public record EventCursor(Instant occurredAt, String id) {

    public static EventCursor of(Event event) {
        return new EventCursor(event.occurredAt(), event.id());
    }

    public String encode() {
        return occurredAt.toEpochMilli() + "/" + id;
    }

    public static EventCursor parse(String cursor) {
        int slash = cursor.indexOf('/');
        if (slash <= 0 || slash == cursor.length() - 1) {
            throw new InvalidInputException("eventQuery.after", "must be a cursor returned by a previous page");
        }
        try {
            return new EventCursor(Instant.ofEpochMilli(Long.parseLong(cursor.substring(0, slash))), cursor.substring(slash + 1));
        } catch (NumberFormatException e) {
            throw new InvalidInputException("eventQuery.after", "must be a cursor returned by a previous page", e);
        }
    }
}
