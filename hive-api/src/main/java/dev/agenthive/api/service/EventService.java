package dev.agenthive.api.service;

import dev.agenthive.api.event.Event;
import dev.agenthive.api.event.EventFeed;
import dev.agenthive.api.event.EventPage;
import dev.agenthive.api.event.EventQuery;
import dev.agenthive.api.event.NewEvent;
import dev.agenthive.api.event.Severity;

import java.util.List;
import java.util.Map;

/** Use cases of the event log. */
public interface EventService {

    Event record(NewEvent event);

    /** Records all events atomically. */
    List<Event> recordAll(List<NewEvent> events);

    EventPage query(EventQuery query);

    /**
     * Tails the log in commit order: see {@link dev.agenthive.api.event.EventRepository#follow} for the
     * guarantee (every event after the cursor exactly once, whatever timestamps writers chose) and the
     * PostgreSQL caveat (a long-open transaction delays, never loses, what commits after it started).
     *
     * @param cursor {@code null} or {@code "start"} for the beginning, or a cursor this service returned
     * @param limit  page size, 1..{@value dev.agenthive.api.event.EventQuery#MAX_LIMIT}
     */
    EventFeed follow(String cursor, int limit);

    /** A cursor from which {@link #follow} returns only the events that commit from now on. */
    String endCursor();

    /** Applies the configured retention per severity. @return number of events deleted */
    int applyRetention();

    Map<Severity, Long> countBySeverity();
}
