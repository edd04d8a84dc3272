package dev.agenthive.api.service;

import dev.agenthive.api.event.Event;
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

    /** Applies the configured retention per severity. @return number of events deleted */
    int applyRetention();

    Map<Severity, Long> countBySeverity();
}
