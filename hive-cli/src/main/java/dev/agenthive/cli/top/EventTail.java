package dev.agenthive.cli.top;

import dev.agenthive.api.event.Event;
import dev.agenthive.api.event.EventPage;
import dev.agenthive.api.event.EventQuery;
import dev.agenthive.api.service.EventService;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The events of one type as they arrive, read along the type's index a page at a time, so a poll
 * costs one indexed query when nothing happened. Events are ordered by their time, but a writer may
 * commit an event after another with a later time (its time was taken before a slow commit), so each
 * poll reads again from {@link #LATE_COMMIT} before the newest event seen and leaves out the ids it
 * already returned. Not thread-safe: one refresh loop polls it.
 */
final class EventTail {
    /** How late an event may commit after a later-timed one and still be seen. */
    static final Duration LATE_COMMIT = Duration.ofSeconds(5);
    private static final int PAGE = 1_000;
    /** Pages one poll reads at most; a backlog beyond them is read by the next polls. */
    private static final int MAX_PAGES = 10;

    private final EventService events;
    private final String type;
    private final Instant since;
    /** Ids returned that are recent enough to be read again, with their times. */
    private final Map<String, Instant> returned = new HashMap<>();
    private Instant newest;
    /** Where the last poll stopped when it hit {@link #MAX_PAGES}, else {@code null}. */
    private String resumeAfter;

    /**
     * @param events the event log
     * @param type   the event type to follow
     * @param since  the earliest time of an event to return
     */
    EventTail(EventService events, String type, Instant since) {
        this.events = Objects.requireNonNull(events, "events is null");
        this.type = Objects.requireNonNull(type, "type is null");
        this.since = Objects.requireNonNull(since, "since is null");
    }

    /** The events of the type not returned before, in time order. */
    List<Event> poll() {
        Instant from = newest == null || newest.minus(LATE_COMMIT).isBefore(since) ? since : newest.minus(LATE_COMMIT);
        EventQuery query = new EventQuery(null, type, null, null, from, null, resumeAfter, PAGE);
        resumeAfter = null;
        List<Event> fresh = new ArrayList<>();
        for (int page = 1; ; page++) {
            EventPage result = events.query(query);
            for (Event event : result.events()) {
                if (returned.putIfAbsent(event.id(), event.occurredAt()) == null) {
                    fresh.add(event);
                    if (newest == null || event.occurredAt().isAfter(newest)) {
                        newest = event.occurredAt();
                    }
                }
            }
            if (result.nextCursor() == null) {
                break;
            }
            if (page == MAX_PAGES) {
                resumeAfter = result.nextCursor();
                break;
            }
            query = query.withAfter(result.nextCursor());
        }
        if (newest != null) {
            Instant horizon = newest.minus(LATE_COMMIT);
            returned.values().removeIf(at -> at.isBefore(horizon));
        }
        return fresh;
    }
}
