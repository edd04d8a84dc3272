package dev.agenthive.tck;

import dev.agenthive.api.error.ConflictException;
import dev.agenthive.api.error.ErrorCode;
import dev.agenthive.api.error.InvalidInputException;
import dev.agenthive.api.event.Event;
import dev.agenthive.api.event.EventCursor;
import dev.agenthive.api.event.EventFeed;
import dev.agenthive.api.event.EventPage;
import dev.agenthive.api.event.EventQuery;
import dev.agenthive.api.event.EventRepository;
import dev.agenthive.api.event.FeedCursor;
import dev.agenthive.api.event.Severity;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Contract of {@link EventRepository}: atomic batches, filters, keyset paging, following the log in
 * commit order, retention, counts.
 */
public abstract sealed class EventRepositoryContract extends AbstractStoreContract permits HiveStoreTck.Events {

    private static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");
    private static final Comparator<Event> ORDER =
            Comparator.comparing(Event::occurredAt).thenComparing(Event::id);

    private EventRepository events() {
        return store().events();
    }

    private static Event event(String id, Severity severity, long secondsAfterT0) {
        return new Event(id, "test.event", severity, null, null, json("{}"), T0.plusSeconds(secondsAfterT0));
    }

    private static Event event(String id, String type, Severity severity, String agent, String correlation,
                               Instant occurredAt) {
        return new Event(id, type, severity, agent, correlation, json("{\"id\":\"" + id + "\"}"), occurredAt);
    }

    private List<Event> all() {
        return events().query(EventQuery.all(EventQuery.MAX_LIMIT)).events();
    }

    @Test
    void appendedEventsComeBackVerbatimInOccurrenceThenIdOrder() {
        Event late = new Event("e-3", "task.completed", Severity.INFO, "agent-1", "corr-1",
                json("{\"task\":\"t-1\",\"ms\":[1,2]}"), T0.plusSeconds(60));
        Event earlyB = event("e-b", Severity.ERROR, 0);
        Event earlyA = event("e-a", Severity.DEBUG, 0);
        Event middle = new Event("e-2", "agent.crashed", Severity.CRITICAL, null, null, json("null"), T0.plusMillis(1));

        events().append(List.of(late, earlyB));
        events().append(List.of(earlyA, middle));

        List<Event> stored = all();
        assertThat(stored).extracting(Event::id).containsExactly("e-a", "e-b", "e-2", "e-3");
        Event storedLate = stored.get(3);
        assertThat(storedLate.type()).isEqualTo("task.completed");
        assertThat(storedLate.severity()).isEqualTo(Severity.INFO);
        assertThat(storedLate.agentId()).isEqualTo("agent-1");
        assertThat(storedLate.correlationId()).isEqualTo("corr-1");
        assertThat(storedLate.occurredAt()).isEqualTo(T0.plusSeconds(60));
        assertSameJson(storedLate.details(), json("{\"ms\":[1,2],\"task\":\"t-1\"}"));
        assertThat(stored.get(2).agentId()).isNull();
        assertThat(stored.get(2).correlationId()).isNull();
        assertSameJson(stored.get(2).details(), json("null"));
    }

    @Test
    void agentOfAnEventNeedNotBeRegistered() {
        events().append(List.of(event("e-1", "x", Severity.INFO, "never-registered", null, T0)));

        assertThat(all()).extracting(Event::agentId).containsExactly("never-registered");
    }

    @Test
    void appendingNothingStoresNothing() {
        events().append(List.of());

        assertThat(all()).isEmpty();
    }

    @Test
    void batchWithOneInvalidEventStoresNone() {
        events().append(List.of(event("existing", Severity.INFO, 0)));
        List<Event> batch = List.of(
                event("e-1", Severity.INFO, 1),
                new Event("e-2", "bad", Severity.INFO, null, null, json("{\"unterminated\":"), T0.plusSeconds(2)),
                event("e-3", Severity.INFO, 3));

        InvalidInputException e = assertThrows(InvalidInputException.class, () -> events().append(batch));

        assertThat(e.field()).contains("details");
        assertThat(all()).extracting(Event::id).containsExactly("existing");
    }

    @Test
    void batchWithADuplicateIdStoresNone() {
        events().append(List.of(event("existing", Severity.INFO, 0)));
        List<Event> batch = List.of(event("e-1", Severity.INFO, 1), event("existing", Severity.ERROR, 2));

        ConflictException e = assertThrows(ConflictException.class, () -> events().append(batch));

        assertThat(e.code()).isEqualTo(ErrorCode.DUPLICATE);
        List<Event> stored = all();
        assertThat(stored).extracting(Event::id).containsExactly("existing");
        assertThat(stored.get(0).severity()).isEqualTo(Severity.INFO);
    }

    @Test
    void queryFiltersByEveryField() {
        events().append(List.of(
                event("e-1", "task.claimed", Severity.DEBUG, "agent-1", "c-1", T0),
                event("e-2", "task.completed", Severity.INFO, "agent-1", "c-1", T0.plusSeconds(1)),
                event("e-3", "task.claimed", Severity.WARNING, "agent-2", "c-2", T0.plusSeconds(2)),
                event("e-4", "agent.crashed", Severity.ERROR, "agent-2", null, T0.plusSeconds(3)),
                event("e-5", "store.down", Severity.CRITICAL, null, "c-2", T0.plusSeconds(4))));

        assertThat(ids(query(new EventQuery("agent-1", null, null, null, null, null, null, 100))))
                .containsExactly("e-1", "e-2");
        assertThat(ids(query(new EventQuery(null, "task.claimed", null, null, null, null, null, 100))))
                .containsExactly("e-1", "e-3");
        assertThat(ids(query(new EventQuery(null, null, Severity.WARNING, null, null, null, null, 100))))
                .containsExactly("e-3", "e-4", "e-5");
        assertThat(ids(query(new EventQuery(null, null, Severity.CRITICAL, null, null, null, null, 100))))
                .containsExactly("e-5");
        assertThat(ids(query(new EventQuery(null, null, Severity.DEBUG, null, null, null, null, 100))))
                .containsExactly("e-1", "e-2", "e-3", "e-4", "e-5");
        assertThat(ids(query(new EventQuery(null, null, null, "c-2", null, null, null, 100))))
                .containsExactly("e-3", "e-5");
        assertThat(ids(query(new EventQuery(null, null, null, null, T0.plusSeconds(1), null, null, 100))))
                .as("from is inclusive").containsExactly("e-2", "e-3", "e-4", "e-5");
        assertThat(ids(query(new EventQuery(null, null, null, null, null, T0.plusSeconds(3), null, 100))))
                .as("to is exclusive").containsExactly("e-1", "e-2", "e-3");
        assertThat(ids(query(new EventQuery(null, null, null, null, T0.plusSeconds(1), T0.plusSeconds(3), null, 100))))
                .containsExactly("e-2", "e-3");
        assertThat(ids(query(new EventQuery("agent-2", "task.claimed", Severity.INFO, "c-2",
                T0, T0.plusSeconds(10), null, 100)))).containsExactly("e-3");
        assertThat(query(new EventQuery("agent-3", null, null, null, null, null, null, 100))).isEmpty();
        assertThat(ids(query(new EventQuery(null, null, null, null, null, null, null, 2)))).containsExactly("e-1", "e-2");
    }

    @Test
    void keysetPagingWalksEveryEventOnceInOrder() {
        List<Event> appended = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
            // Groups of ten share one instant so that paging must break ties by id.
            Severity severity = Severity.values()[i % Severity.values().length];
            appended.add(new Event(String.format("e-%04d", (i * 37) % 250), "bulk", severity, null, null,
                    json("{\"i\":" + i + "}"), T0.plusMillis(i / 10)));
        }
        Collections.shuffle(appended, new java.util.Random(7));
        events().append(appended.subList(0, 120));
        events().append(appended.subList(120, 250));
        List<Event> expected = appended.stream().sorted(ORDER).toList();

        List<Event> walked = walk(EventQuery.all(17));

        assertThat(ids(walked)).containsExactlyElementsOf(ids(expected));
        assertThat(new HashSet<>(ids(walked))).hasSize(250);

        List<Event> errorsAndAbove = walk(new EventQuery(null, null, Severity.ERROR, null, null, null, null, 7));
        assertThat(ids(errorsAndAbove)).containsExactlyElementsOf(ids(expected.stream()
                .filter(e -> e.severity().compareTo(Severity.ERROR) >= 0).toList()));
    }

    @Test
    void lastPageHasNoCursor() {
        events().append(List.of(event("e-1", Severity.INFO, 0), event("e-2", Severity.INFO, 1),
                event("e-3", Severity.INFO, 2)));

        EventPage first = events().query(EventQuery.all(2));
        assertThat(ids(first.events())).containsExactly("e-1", "e-2");
        assertThat(first.nextCursor()).isNotNull();

        EventPage second = events().query(EventQuery.all(2).withAfter(first.nextCursor()));
        assertThat(ids(second.events())).containsExactly("e-3");
        assertThat(second.nextCursor()).isNull();

        assertThat(events().query(EventQuery.all(10)).nextCursor()).isNull();
    }

    @Test
    void cursorOfAnEventStartsAfterIt() {
        events().append(List.of(event("e-1", Severity.INFO, 0), event("e-2", Severity.INFO, 0),
                event("e-3", Severity.INFO, 1)));
        Event first = all().get(0);

        EventPage rest = events().query(EventQuery.all(10).withAfter(EventCursor.of(first).encode()));

        assertThat(ids(rest.events())).containsExactly("e-2", "e-3");
    }

    @Test
    void purgeDeletesOnlyOlderEventsOfExactlyThatSeverity() {
        events().append(List.of(
                event("debug-old", Severity.DEBUG, 0),
                event("debug-edge", Severity.DEBUG, 10),
                event("debug-new", Severity.DEBUG, 20),
                event("info-old", Severity.INFO, 0),
                event("error-old", Severity.ERROR, 0)));

        int purged = events().purge(Severity.DEBUG, T0.plusSeconds(10));

        assertThat(purged).isEqualTo(1);
        assertThat(ids(all())).containsExactly("error-old", "info-old", "debug-edge", "debug-new");
        assertThat(events().purge(Severity.DEBUG, T0.plusSeconds(10))).isZero();
        assertThat(events().purge(Severity.INFO, T0.plusSeconds(100))).isEqualTo(1);
        assertThat(events().purge(Severity.CRITICAL, T0.plusSeconds(100))).isZero();
        assertThat(ids(all())).containsExactly("error-old", "debug-edge", "debug-new");
    }

    @Test
    void countBySeverityHasEverySeverity() {
        assertThat(events().countBySeverity())
                .containsOnlyKeys(Severity.values())
                .allSatisfy((severity, count) -> assertThat(count).isZero());

        events().append(List.of(event("a", Severity.INFO, 0), event("b", Severity.INFO, 1),
                event("c", Severity.CRITICAL, 2)));

        Map<Severity, Long> counts = events().countBySeverity();
        assertThat(counts).containsOnlyKeys(Severity.values())
                .containsEntry(Severity.DEBUG, 0L)
                .containsEntry(Severity.INFO, 2L)
                .containsEntry(Severity.WARNING, 0L)
                .containsEntry(Severity.ERROR, 0L)
                .containsEntry(Severity.CRITICAL, 1L);
    }

    @Test
    void countSinceCountsTheEventsFromAnInstantByTypeAndSeverity() {
        events().append(List.of(
                event("old-error", "job.failed", Severity.ERROR, null, null, T0),
                event("error", "job.failed", Severity.ERROR, "agent-1", null, T0.plusSeconds(10)),
                event("critical", "disk.full", Severity.CRITICAL, null, null, T0.plusSeconds(20)),
                event("info", "job.failed", Severity.INFO, null, null, T0.plusSeconds(30)),
                event("slow", "operation.slow", Severity.WARNING, null, null, T0.plusSeconds(40))));

        assertThat(events().countSince(T0.plusSeconds(10), null, null)).as("from is inclusive").isEqualTo(4);
        assertThat(events().countSince(T0.plusSeconds(10), null, Severity.ERROR)).as("error and above").isEqualTo(2);
        assertThat(events().countSince(T0, "job.failed", null)).isEqualTo(3);
        assertThat(events().countSince(T0.plusMillis(1), "job.failed", Severity.ERROR)).isEqualTo(1);
        assertThat(events().countSince(T0, "operation.slow", null)).isEqualTo(1);
        assertThat(events().countSince(T0, "no.such.type", null)).isZero();
        assertThat(events().countSince(T0.plusSeconds(41), null, null)).isZero();
    }

    @Test
    void followSeesEveryEventOnceInCommitOrderPageByPageWhateverTheTimestamps() {
        // Commit order is append order; occurrence times go back and forth, ids against both.
        events().append(List.of(event("z-1", Severity.INFO, 3_600), event("y-2", Severity.INFO, -3_600)));
        events().append(List.of(event("x-3", Severity.DEBUG, -86_400)));
        List<String> seen = new ArrayList<>();
        String cursor = followAll(null, 2, seen);
        assertThat(seen).containsExactly("z-1", "y-2", "x-3");

        // Later commits with earlier timestamps and smaller ids still come after the cursor.
        events().append(List.of(event("a-4", Severity.ERROR, -172_800), event("b-5", Severity.INFO, 0),
                event("c-6", Severity.INFO, 172_800)));
        events().append(List.of(event("a-0", Severity.CRITICAL, -999_999)));
        cursor = followAll(cursor, 2, seen);

        assertThat(seen).containsExactly("z-1", "y-2", "x-3", "a-4", "b-5", "c-6", "a-0");
        EventFeed nothingNew = events().follow(cursor, 5);
        assertThat(nothingNew.events()).isEmpty();
        assertThat(nothingNew.cursor()).isEqualTo(cursor);
        assertThat(ids(events().follow(FeedCursor.START_TEXT, 100).events()))
                .as("following again from the start").containsExactlyElementsOf(seen);
    }

    @Test
    void followReturnsEventsAsStored() {
        Event stored = new Event("e-1", "task.completed", Severity.WARNING, "agent-1", "corr-1",
                json("{\"task\":\"t-1\"}"), T0.plusMillis(7));
        events().append(List.of(stored));

        Event followed = events().follow(null, 1).events().get(0);

        assertThat(followed.id()).isEqualTo("e-1");
        assertThat(followed.type()).isEqualTo("task.completed");
        assertThat(followed.severity()).isEqualTo(Severity.WARNING);
        assertThat(followed.agentId()).isEqualTo("agent-1");
        assertThat(followed.correlationId()).isEqualTo("corr-1");
        assertThat(followed.occurredAt()).isEqualTo(T0.plusMillis(7));
        assertSameJson(followed.details(), json("{\"task\":\"t-1\"}"));
    }

    @Test
    void endCursorSeesOnlyEventsCommittedAfterIt() {
        String empty = events().endCursor();
        events().append(List.of(event("before-1", Severity.INFO, 100), event("before-2", Severity.INFO, -100)));
        String end = events().endCursor();

        assertThat(events().follow(end, 10).events()).isEmpty();
        events().append(List.of(event("after-1", Severity.INFO, -10_000)));
        events().append(List.of(event("after-2", Severity.INFO, 10_000)));

        List<String> seen = new ArrayList<>();
        followAll(end, 1, seen);
        assertThat(seen).containsExactly("after-1", "after-2");
        seen.clear();
        followAll(empty, 1, seen);
        assertThat(seen).containsExactly("before-1", "before-2", "after-1", "after-2");
    }

    @Test
    void followSkipsRolledBackEventsAndKeepsTransactionsTogether() {
        events().append(List.of(event("first", Severity.INFO, 0)));
        assertThrows(IllegalStateException.class, () -> store().inTransaction(tx -> {
            tx.events().append(List.of(event("rolled-back", Severity.INFO, -1)));
            throw new IllegalStateException("undo");
        }));
        store().inTransaction(tx -> {
            tx.events().append(List.of(event("tx-1", Severity.INFO, 50)));
            tx.events().append(List.of(event("tx-2", Severity.INFO, -50)));
            return null;
        });
        events().append(List.of(event("last", Severity.INFO, -100)));

        List<String> seen = new ArrayList<>();
        followAll(null, 1, seen);

        assertThat(seen).containsExactly("first", "tx-1", "tx-2", "last");
    }

    @Test
    void followGoesOnPastPurgedEventsAndNeverReusesTheirPositions() {
        events().append(List.of(event("old-debug", Severity.DEBUG, -1_000), event("kept", Severity.INFO, -1_000)));
        List<String> seen = new ArrayList<>();
        String cursor = followAll(null, 1, seen);
        events().append(List.of(event("new-debug", Severity.DEBUG, -2_000)));
        cursor = followAll(cursor, 1, seen);
        assertThat(seen).containsExactly("old-debug", "kept", "new-debug");

        // Retention deletes the newest event: a later one must not take its position, which the
        // follower has passed already.
        assertThat(events().purge(Severity.DEBUG, T0)).isEqualTo(2);
        events().append(List.of(event("newest", Severity.INFO, -3_000)));
        seen.clear();
        followAll(cursor, 1, seen);

        assertThat(seen).containsExactly("newest");
    }

    @Test
    void followRejectsForeignCursorsAndLimits() {
        for (String bad : List.of("", "1", "1.", ".1", "-1.2", "1.-2", "a.b", "1.2.3", "+1.2", "99999999999999999999.1")) {
            InvalidInputException e = assertThrows(InvalidInputException.class, () -> events().follow(bad, 10), bad);
            assertThat(e.field()).isEqualTo("cursor");
        }
        assertThat(assertThrows(InvalidInputException.class, () -> events().follow(null, 0)).field()).isEqualTo("limit");
        assertThat(assertThrows(InvalidInputException.class,
                () -> events().follow(null, EventQuery.MAX_LIMIT + 1)).field()).isEqualTo("limit");
    }

    /** Follows from {@code cursor} until a page comes back empty, adding the ids seen; returns the last cursor. */
    private String followAll(String cursor, int limit, List<String> seen) {
        String at = cursor;
        for (int pages = 0; pages < 10_000; pages++) {
            EventFeed page = events().follow(at, limit);
            assertThat(page.events().size()).isLessThanOrEqualTo(limit);
            if (page.events().isEmpty()) {
                assertThat(page.cursor()).isEqualTo(at == null ? FeedCursor.START.encode() : at);
                return page.cursor();
            }
            seen.addAll(ids(page.events()));
            at = page.cursor();
        }
        throw new AssertionError("follow never reached the end of the log");
    }

    private List<Event> query(EventQuery query) {
        return events().query(query).events();
    }

    /** Follows cursors to the end; a bounded number of pages so a looping cursor fails instead of hanging. */
    private List<Event> walk(EventQuery firstPage) {
        List<Event> walked = new ArrayList<>();
        Set<String> cursors = new HashSet<>();
        EventPage page = events().query(firstPage);
        for (int pages = 1; ; pages++) {
            assertThat(page.events().size()).isLessThanOrEqualTo(firstPage.limit());
            walked.addAll(page.events());
            if (page.nextCursor() == null) {
                return walked;
            }
            assertThat(cursors.add(page.nextCursor())).as("cursor %s repeats", page.nextCursor()).isTrue();
            assertThat(pages).as("pages walked").isLessThan(1_000);
            page = events().query(firstPage.withAfter(page.nextCursor()));
        }
    }

    private static List<String> ids(List<Event> events) {
        return events.stream().map(Event::id).toList();
    }
}
