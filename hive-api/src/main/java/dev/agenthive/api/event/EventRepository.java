package dev.agenthive.api.event;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Driven port: the append-only event log. */
public interface EventRepository {

    /** Appends all events atomically: all are stored or none. */
    void append(List<Event> events);

    EventPage query(EventQuery query);

    /**
     * The events after {@code cursor} in the order their transactions committed, at most {@code limit}
     * of them. A consumer that starts from a cursor and calls again with each returned
     * {@link EventFeed#cursor()} sees every event committed after that cursor exactly once, in commit
     * order, whatever {@code occurredAt} or ids writers chose and however their transactions
     * interleave: an event is returned only once nothing that commits later can come before it.
     * Events of one transaction come in the order they were appended. Events deleted by
     * {@link #purge} before the consumer reached them are not seen.
     *
     * <p>On PostgreSQL an event is returned only once every transaction that started writing before
     * its own has ended: a transaction left open delays (never loses) the events committed after it
     * started, until it commits or rolls back. The other stores return each event as soon as it commits.
     *
     * @param cursor {@code null} or {@code "start"} for the beginning of the log, otherwise a
     *               {@link EventFeed#cursor()} or {@link #endCursor()} of this store
     * @param limit  page size, 1..{@value EventQuery#MAX_LIMIT}
     * @throws dev.agenthive.api.error.InvalidInputException the cursor is not one of this form, or the limit is out of range
     */
    EventFeed follow(String cursor, int limit);

    /**
     * A cursor after every event that has committed so far, for a consumer that wants only the events
     * that commit from now on: {@link #follow} from it returns every event whose transaction commits
     * after this call returns. On PostgreSQL it may also return a few that committed shortly before,
     * while an older transaction was still open (never one that an earlier {@link #follow} to the same
     * position returned).
     */
    String endCursor();

    /** Deletes events of exactly this severity that occurred before {@code olderThan}. @return number deleted */
    int purge(Severity severity, Instant olderThan);

    /** Number of events per severity; every severity is a key, zero included. */
    Map<Severity, Long> countBySeverity();

    /**
     * Number of events that occurred at or after {@code from}, of this type and at or above this
     * severity, for counts over a recent window (the alert rules). Stores answer it with one count
     * over the index on type or severity and time; the default pages through {@link #query}, which is
     * right but reads every matching event.
     *
     * @param from        occurred at or after (inclusive)
     * @param type        only this type, or {@code null} for any
     * @param minSeverity only this severity and above, or {@code null} for any
     */
    default long countSince(Instant from, String type, Severity minSeverity) {
        EventQuery query = new EventQuery(null, type, minSeverity, null, Objects.requireNonNull(from, "from is null"),
                null, null, EventQuery.MAX_LIMIT);
        long count = 0;
        while (true) {
            EventPage page = query(query);
            count += page.events().size();
            if (page.nextCursor() == null) {
                return count;
            }
            query = query.withAfter(page.nextCursor());
        }
    }
}
