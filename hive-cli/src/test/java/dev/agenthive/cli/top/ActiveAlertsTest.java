package dev.agenthive.cli.top;

import dev.agenthive.api.event.Event;
import dev.agenthive.api.event.Severity;
import dev.agenthive.api.json.Json;
import dev.agenthive.cli.top.TopSnapshot.ActiveAlert;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class ActiveAlertsTest {
    private static final Instant T0 = Instant.parse("2025-03-01T12:00:00Z");

    @Test
    void anAlertIsActiveWhenItsLatestEventRaisedIt() {
        ActiveAlerts alerts = new ActiveAlerts();
        alerts.accept(event("e1", ActiveAlerts.RAISED, 0, "queue-depth", "1500", "1000"));
        alerts.accept(event("e2", ActiveAlerts.RAISED, 1, "dead-letters", "12", "10"));
        alerts.accept(event("e3", ActiveAlerts.CLEARED, 2, "dead-letters", "3", "10"));
        alerts.accept(event("e4", ActiveAlerts.RAISED, 3, "crashed-agents", "2", "1"));
        alerts.accept(event("e5", ActiveAlerts.CLEARED, 4, "crashed-agents", "0", "1"));
        alerts.accept(event("e6", ActiveAlerts.RAISED, 5, "crashed-agents", "3", "1"));

        assertThat(alerts.active()).containsExactly(
                new ActiveAlert("queue-depth", "1500", "1000", T0),
                new ActiveAlert("crashed-agents", "3", "1", T0.plusSeconds(5)));
    }

    @Test
    void theLatestEventWinsWhateverOrderTheyArriveIn() {
        ActiveAlerts alerts = new ActiveAlerts();
        alerts.accept(event("e2", ActiveAlerts.CLEARED, 10, "queue-depth", "10", "1000"));
        alerts.accept(event("e1", ActiveAlerts.RAISED, 5, "queue-depth", "1500", "1000"));
        // Same time: the id decides, as it does in the event log's order.
        alerts.accept(event("e4", ActiveAlerts.RAISED, 20, "error-rate", "0.2", "0.1"));
        alerts.accept(event("e3", ActiveAlerts.CLEARED, 20, "error-rate", "0.0", "0.1"));

        assertThat(alerts.active()).extracting(ActiveAlert::name).containsExactly("error-rate");
    }

    @Test
    void otherTypesAndEventsNamingNoAlertAreIgnoredAndOddDetailsStillShow() {
        ActiveAlerts alerts = new ActiveAlerts();
        alerts.accept(new Event("e1", "task.completed", Severity.INFO, null, null, Json.of("{\"alert\":\"x\"}"), T0));
        alerts.accept(new Event("e2", ActiveAlerts.RAISED, Severity.WARNING, null, null, Json.of("{\"value\":1}"), T0));
        alerts.accept(new Event("e3", ActiveAlerts.RAISED, Severity.WARNING, null, null,
                Json.of("{\"alert\":\"queue-depth\",\"value\":{\"queued\":1500}}"), T0));

        assertThat(alerts.active()).containsExactly(new ActiveAlert("queue-depth", "{\"queued\":1500}", "?", T0));
    }

    private static Event event(String id, String type, int second, String alert, String value, String threshold) {
        Json details = Json.of("{\"alert\":\"" + alert + "\",\"value\":" + value + ",\"threshold\":" + threshold + "}");
        Severity severity = type.equals(ActiveAlerts.RAISED) ? Severity.WARNING : Severity.INFO;
        return new Event(id, type, severity, null, null, details, T0.plusSeconds(second));
    }
}
