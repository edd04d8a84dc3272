package dev.agenthive.store.jdbc.event;

import dev.agenthive.store.jdbc.BatchInsert;
import dev.agenthive.store.jdbc.JsonValidator;
import dev.agenthive.store.jdbc.ContainmentFilter;
import dev.agenthive.api.Checks;
import dev.agenthive.api.json.Json;
import dev.agenthive.api.event.Event;
import dev.agenthive.api.event.EventCursor;
import dev.agenthive.api.event.EventFeed;
import dev.agenthive.api.event.FeedCursor;
import dev.agenthive.api.event.EventPage;
import dev.agenthive.api.event.EventQuery;
import dev.agenthive.api.event.EventRepository;
import dev.agenthive.api.event.Severity;
import dev.agenthive.store.jdbc.KeyCount;
import dev.agenthive.store.jdbc.SqlExecutor;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;

/** {@link EventRepository} over SQL. The agent id is not a foreign key: the log outlives agents. */
public final class JdbcEventRepository implements EventRepository {
    private final SqlExecutor executor;
    private final JsonValidator jsonValidator;
    private final ContainmentFilter containment;
    private final EventPositions positions;

    /**
     * @param executor      how SQL runs
     * @param containment   the dialect's JSON containment
     * @param positions     what the dialect does besides its insert to put events in commit order
     * @param jsonValidator the port's check of JSON values and fragments
     */
    public JdbcEventRepository(SqlExecutor executor, ContainmentFilter containment, EventPositions positions,
                               JsonValidator jsonValidator) {
        this.jsonValidator = Objects.requireNonNull(jsonValidator, "jsonValidator is null");
        this.executor = Objects.requireNonNull(executor, "executor is null");
        this.containment = Objects.requireNonNull(containment, "containment is null");
        this.positions = Objects.requireNonNull(positions, "positions is null");
    }

    @Override
    public void append(List<Event> events) {
        Checks.notNull(events, "events");
        List<Event> copy = new ArrayList<>(events.size());
        for (int i = 0; i < events.size(); i++) {
            Event event = Checks.notNull(events.get(i), "events[" + i + "]");
            jsonValidator.requireValid(event.details(), "events_details_json");
            copy.add(event);
        }
        if (copy.isEmpty()) {
            return;
        }
        // Append-only inserts that read nothing: no isolation stronger than row locks is needed.
        executor.writeWithRowLocks(session -> {
            positions.reserve(session, copy.size());
            BatchInsert.insertEach(session, EventMapper.class, copy, EventMapper::insert);
            return null;
        });
    }

    @Override
    public EventPage query(EventQuery query) {
        Checks.notNull(query, "eventQuery");
        jsonValidator.requireValidArgument(query.detailsContain(), "eventQuery.detailsContain");
        EventCursor after = query.after() == null ? null : EventCursor.parse(query.after());
        List<Severity> severities = query.minSeverity() == null ? null : query.minSeverity().andAbove();
        Predicate<Json> details = containment.containing(query.detailsContain());
        // One row more than the page tells whether another page follows.
        List<Event> rows = executor.read(session -> {
            EventMapper mapper = session.getMapper(EventMapper.class);
            return ContainmentFilter.read(query.limit() + 1, after,
                    (from, limit) -> mapper.query(query.agentId(), query.type(), severities, query.correlationId(),
                            query.detailsContain(), query.from(), query.to(),
                            from == null ? null : from.occurredAt(), from == null ? null : from.id(), limit),
                    EventCursor::of, event -> details.test(event.details()));
        });
        if (rows.size() <= query.limit()) {
            return new EventPage(rows, null);
        }
        List<Event> page = rows.subList(0, query.limit());
        return new EventPage(page, EventCursor.of(page.get(page.size() - 1)).encode());
    }

    @Override
    public EventFeed follow(String cursor, int limit) {
        FeedCursor after = FeedCursor.parse(cursor);
        Checks.between(limit, 1, EventQuery.MAX_LIMIT, "limit");
        List<FeedRow> rows = executor.readStatement(session ->
                session.getMapper(EventMapper.class).follow(after.tx(), after.seq(), limit));
        if (rows.isEmpty()) {
            return new EventFeed(List.of(), after.encode());
        }
        List<Event> page = new ArrayList<>(rows.size());
        rows.forEach(row -> page.add(row.event()));
        return new EventFeed(page, rows.get(rows.size() - 1).cursor().encode());
    }

    @Override
    public String endCursor() {
        return executor.readStatement(session -> session.getMapper(EventMapper.class).end()).encode();
    }

    @Override
    public int purge(Severity severity, Instant olderThan) {
        Checks.notNull(severity, "event.severity");
        Checks.notNull(olderThan, "olderThan");
        return executor.write(session -> session.getMapper(EventMapper.class).purge(severity, olderThan));
    }

    @Override
    public Map<Severity, Long> countBySeverity() {
        List<KeyCount> rows = executor.read(session -> session.getMapper(EventMapper.class).countBySeverity());
        Map<Severity, Long> counts = new EnumMap<>(Severity.class);
        for (Severity severity : Severity.values()) {
            counts.put(severity, 0L);
        }
        rows.forEach(row -> counts.put(Severity.parse(row.key()), row.count()));
        return Map.copyOf(counts);
    }

    @Override
    public long countSince(Instant from, String type, Severity minSeverity) {
        Checks.notNull(from, "from");
        Checks.optionalId(type, "event.type");
        List<Severity> severities = minSeverity == null ? null : minSeverity.andAbove();
        return executor.read(session -> session.getMapper(EventMapper.class).countSince(from, type, severities));
    }
}
