package dev.agenthive.cli.top;

import dev.agenthive.api.event.Event;
import dev.agenthive.api.event.Severity;
import dev.agenthive.api.json.Json;
import dev.agenthive.cli.top.TopSnapshot.SlowOperation;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class SlowOperationsTest {
    private static final Instant T0 = Instant.parse("2025-03-01T12:00:00Z");

    @Test
    void keepsTheNewestOfTheLastTenMinutesNewestFirst() {
        SlowOperations slow = new SlowOperations();
        for (int i = 0; i < 8; i++) {
            slow.accept(slow("e" + i, T0.plusSeconds(60L * i), "op-" + i));
        }

        assertThat(slow.recent(T0.plusSeconds(420))).extracting(SlowOperation::operation)
                .containsExactly("op-7", "op-6", "op-5", "op-4", "op-3");
        assertThat(slow.recent(T0.plusSeconds(60 * 14))).extracting(SlowOperation::operation)
                .containsExactly("op-7", "op-6", "op-5", "op-4");
        assertThat(slow.recent(T0.plusSeconds(60 * 30))).isEmpty();
    }

    @Test
    void readsTheDetailsWhateverTheirJsonTypes() {
        SlowOperations slow = new SlowOperations();
        slow.accept(new Event("e1", SlowOperations.TYPE, Severity.WARNING, null, null,
                Json.of("{\"operation\":\"tasks.claim\",\"millis\":312,\"outcome\":\"ok\","
                        + "\"statements\":[\"claim\",\"insertEvent\"]}"), T0));
        slow.accept(new Event("e2", SlowOperations.TYPE, Severity.WARNING, null, null,
                Json.of("{\"operation\":\"messages.send\",\"millis\":\"120.5\",\"statements\":\"send\"}"), T0.plusSeconds(1)));
        slow.accept(new Event("e3", "task.completed", Severity.INFO, null, null, Json.of("{}"), T0.plusSeconds(2)));

        assertThat(slow.recent(T0)).containsExactly(
                new SlowOperation(T0.plusSeconds(1), "messages.send", "120.5", "?", "send"),
                new SlowOperation(T0, "tasks.claim", "312", "ok", "claim,insertEvent"));
    }

    private static Event slow(String id, Instant at, String operation) {
        return new Event(id, SlowOperations.TYPE, Severity.WARNING, null, null,
                Json.of("{\"operation\":\"" + operation + "\",\"millis\":150,\"outcome\":\"ok\",\"statements\":[]}"), at);
    }
}
