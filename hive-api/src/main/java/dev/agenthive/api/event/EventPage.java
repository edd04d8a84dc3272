package dev.agenthive.api.event;

import java.util.List;
import java.util.Objects;

/**
 * One page of events.
 *
 * @param events     the events of this page, in order
 * @param nextCursor cursor for the next page, or {@code null} when this page is the last
 */
public record EventPage(List<Event> events, String nextCursor) {
    public EventPage {
        events = List.copyOf(Objects.requireNonNull(events, "events is null"));
    }
}
