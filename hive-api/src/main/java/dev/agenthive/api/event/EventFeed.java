package dev.agenthive.api.event;

import java.util.List;
import java.util.Objects;

/**
 * One page of the event log in commit order, as {@link EventRepository#follow} returns it.
 *
 * @param events the events after the cursor given, in commit order; empty when none has committed since
 * @param cursor where the next call goes on from: after the last event of this page, or the cursor
 *               given when the page is empty; never {@code null}
 */
public record EventFeed(List<Event> events, String cursor) {
    public EventFeed {
        events = List.copyOf(Objects.requireNonNull(events, "events is null"));
        Objects.requireNonNull(cursor, "cursor is null");
    }
}
