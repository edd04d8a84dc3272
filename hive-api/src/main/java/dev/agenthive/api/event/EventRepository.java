package dev.agenthive.api.event;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Driven port: the append-only event log. */
public interface EventRepository {

    /** Appends all events atomically: all are stored or none. */
    void append(List<Event> events);

    EventPage query(EventQuery query);

    /** Deletes events of exactly this severity that occurred before {@code olderThan}. @return number deleted */
    int purge(Severity severity, Instant olderThan);

    /** Number of events per severity; every severity is a key, zero included. */
    Map<Severity, Long> countBySeverity();
}
