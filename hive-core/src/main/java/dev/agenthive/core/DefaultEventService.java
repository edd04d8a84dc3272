package dev.agenthive.core;

import dev.agenthive.api.Checks;
import dev.agenthive.api.error.InvalidInputException;
import dev.agenthive.api.event.Event;
import dev.agenthive.api.event.EventFeed;
import dev.agenthive.api.event.EventPage;
import dev.agenthive.api.event.EventQuery;
import dev.agenthive.api.event.NewEvent;
import dev.agenthive.api.event.Severity;
import dev.agenthive.api.service.EventService;
import dev.agenthive.api.store.HiveStore;
import dev.agenthive.core.config.HiveConfig;
import dev.agenthive.core.json.JsonCodec;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** {@link EventService} over a {@link HiveStore}, with retention per severity from the configuration. */
final class DefaultEventService implements EventService {
    /** Most events one {@link #recordAll} call accepts. */
    static final int MAX_BATCH = 10_000;

    private final HiveStore store;
    private final JsonCodec codec;
    private final IdGenerator ids;
    private final Clock clock;
    private final Map<Severity, Duration> retention;

    /** Wires the service; lease, backoff, limits and intervals come from {@code config}. */
    DefaultEventService(HiveStore store, JsonCodec codec, IdGenerator ids, Clock clock, HiveConfig config) {
        this.store = Objects.requireNonNull(store, "store is null");
        this.codec = Objects.requireNonNull(codec, "codec is null");
        this.ids = Objects.requireNonNull(ids, "ids is null");
        this.clock = Objects.requireNonNull(clock, "clock is null");
        this.retention = config.eventRetention();
    }

    @Override
    public Event record(NewEvent event) {
        Event created = create(Checks.notNull(event, "event"), "event.details");
        store.events().append(List.of(created));
        return created;
    }

    @Override
    public List<Event> recordAll(List<NewEvent> events) {
        Checks.notNull(events, "events");
        if (events.size() > MAX_BATCH) {
            throw new InvalidInputException("events",
                    "must hold at most " + MAX_BATCH + " events, was " + events.size());
        }
        List<Event> created = new ArrayList<>(events.size());
        for (int i = 0; i < events.size(); i++) {
            created.add(create(Checks.notNull(events.get(i), "events[" + i + "]"), "events[" + i + "].details"));
        }
        if (!created.isEmpty()) {
            store.events().append(created);
        }
        return List.copyOf(created);
    }

    @Override
    public EventPage query(EventQuery query) {
        return store.events().query(Checks.notNull(query, "eventQuery"));
    }

    @Override
    public EventFeed follow(String cursor, int limit) {
        return store.events().follow(cursor, limit);
    }

    @Override
    public String endCursor() {
        return store.events().endCursor();
    }

    @Override
    public int applyRetention() {
        Instant now = clock.instant();
        int deleted = 0;
        Duration sinceEpoch = Duration.between(Instant.EPOCH, now);
        for (Map.Entry<Severity, Duration> entry : retention.entrySet()) {
            if (entry.getValue().compareTo(sinceEpoch) >= 0) {
                // A retention reaching back before 1970 keeps everything the clock can have stamped.
                continue;
            }
            deleted += store.events().purge(entry.getKey(), now.minus(entry.getValue()));
        }
        return deleted;
    }

    @Override
    public Map<Severity, Long> countBySeverity() {
        return store.events().countBySeverity();
    }

    private Event create(NewEvent event, String detailsField) {
        Instant occurredAt = event.occurredAt() != null ? event.occurredAt() : clock.instant();
        return new Event(ids.next(), event.type(), event.severity(), event.agentId(), event.correlationId(),
                codec.normalize(event.details(), detailsField), occurredAt);
    }
}
