package dev.agenthive.cli.top;

import dev.agenthive.api.event.Event;
import dev.agenthive.cli.top.TopSnapshot.SlowOperation;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;

/**
 * The latest {@value #TYPE} events (details {@code operation}, {@code millis}, {@code outcome},
 * {@code statements}) of the last {@link #WINDOW}: only the {@link #KEPT} newest are held, since
 * that is all the view shows. Not thread-safe.
 */
final class SlowOperations {
    static final String TYPE = "operation.slow";
    /** How far back an operation counts as recent. */
    static final Duration WINDOW = Duration.ofMinutes(10);
    /** How many are kept and shown. */
    static final int KEPT = 5;
    private static final Comparator<Event> NEWEST_FIRST =
            Comparator.comparing(Event::occurredAt).thenComparing(Event::id).reversed();

    private final TreeSet<Event> newest = new TreeSet<>(NEWEST_FIRST);

    /** Takes in one {@value #TYPE} event; others are ignored. */
    void accept(Event event) {
        if (!event.type().equals(TYPE)) {
            return;
        }
        newest.add(event);
        if (newest.size() > KEPT) {
            newest.pollLast();
        }
    }

    /** The kept operations of the {@link #WINDOW} before {@code now}, newest first. */
    List<SlowOperation> recent(Instant now) {
        Instant cutoff = now.minus(WINDOW);
        List<SlowOperation> recent = new ArrayList<>(newest.size());
        for (Event event : newest) {
            if (event.occurredAt().isBefore(cutoff)) {
                break;
            }
            EventDetails details = EventDetails.of(event);
            recent.add(new SlowOperation(event.occurredAt(), details.text("operation", "?"), details.text("millis", "?"),
                    details.text("outcome", "?"), details.text("statements", "")));
        }
        return recent;
    }
}
