package dev.agenthive.cli.top;

import dev.agenthive.api.event.Event;
import dev.agenthive.cli.top.TopSnapshot.ActiveAlert;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The alerts whose latest event is {@value #RAISED}, from the {@value #RAISED} and {@value #CLEARED}
 * events of the log (details {@code alert}, {@code value}, {@code threshold}). "Latest" is by the
 * events' time then id, so events may be fed in any order. Not thread-safe.
 */
final class ActiveAlerts {
    static final String RAISED = "alert.raised";
    static final String CLEARED = "alert.cleared";
    private static final Comparator<Event> TIME_ORDER =
            Comparator.comparing(Event::occurredAt).thenComparing(Event::id);

    /** The latest raised or cleared event of each alert, by alert name. */
    private final Map<String, Event> latest = new HashMap<>();

    /** Takes in one event; events of other types and events naming no alert are ignored. */
    void accept(Event event) {
        if (!event.type().equals(RAISED) && !event.type().equals(CLEARED)) {
            return;
        }
        String alert = EventDetails.of(event).text("alert", null);
        if (alert == null) {
            return;
        }
        latest.merge(alert, event, (current, next) -> TIME_ORDER.compare(next, current) > 0 ? next : current);
    }

    /** The alerts raised and not cleared since, longest raised first. */
    List<ActiveAlert> active() {
        List<ActiveAlert> active = new ArrayList<>();
        for (Map.Entry<String, Event> alert : latest.entrySet()) {
            Event event = alert.getValue();
            if (event.type().equals(RAISED)) {
                EventDetails details = EventDetails.of(event);
                active.add(new ActiveAlert(alert.getKey(), details.text("value", "?"), details.text("threshold", "?"),
                        event.occurredAt()));
            }
        }
        active.sort(Comparator.comparing(ActiveAlert::since).thenComparing(ActiveAlert::name));
        return active;
    }
}
