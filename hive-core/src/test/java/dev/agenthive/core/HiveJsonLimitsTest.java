package dev.agenthive.core;

import dev.agenthive.api.agent.AgentRegistration;
import dev.agenthive.api.error.InvalidInputException;
import dev.agenthive.api.event.Event;
import dev.agenthive.api.event.EventQuery;
import dev.agenthive.api.json.Json;
import dev.agenthive.api.store.HiveStore;
import dev.agenthive.api.task.NewTask;
import dev.agenthive.api.task.Task;
import dev.agenthive.api.task.TaskStatus;
import dev.agenthive.core.config.HiveConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The {@code hive.json.*} limits as the services and the store below them apply them together. */
class HiveJsonLimitsTest {
    private static final int DEPTH = 4;

    @TempDir
    Path dir;

    @Test
    void aDeadTaskWhoseErrorIsAtTheDepthLimitStillRecordsItsEventWithTheErrorLeftOut() throws InterruptedException {
        HiveConfig config = TestHives.config(dir).set(HiveConfig.JSON_MAX_DEPTH, String.valueOf(DEPTH)).build();
        try (Hive hive = Hive.open(config)) {
            hive.agents().register(AgentRegistration.of("worker", "coder", Set.of()));
            Task task = hive.tasks().enqueue(NewTask.builder("fragile").maxAttempts(1).build());
            Task claimed = hive.tasks().claim("worker", 1, Duration.ZERO).get(0);
            Json deepest = Json.of("{\"a\":".repeat(DEPTH) + "1" + "}".repeat(DEPTH));

            Task dead = hive.tasks().fail(claimed.id(), claimed.leaseToken(), deepest, true);

            assertThat(dead.status()).isEqualTo(TaskStatus.DEAD);
            assertThat(dead.error()).isEqualTo(deepest);
            List<Event> events = hive.events().query(new EventQuery(null, "task.dead", null, task.id(), null, null, null, 10)).events();
            assertThat(events).singleElement().satisfies(event -> assertThat(event.details().text())
                    .contains("\"taskId\":\"" + task.id() + "\"")
                    .contains("\"error\":\"" + SystemEvents.OMITTED + "\""));
        }
    }

    @Test
    void theStoreBelowTheServicesRefusesWhatTheConfigurationRefuses() {
        HiveConfig config = TestHives.config(dir).set(HiveConfig.JSON_MAX_DEPTH, String.valueOf(DEPTH)).build();
        try (OpenedStore opened = Hive.openStore(config)) {
            HiveStore store = opened.store();
            Json tooDeep = Json.of("[".repeat(DEPTH + 1) + "]".repeat(DEPTH + 1));

            assertThatThrownBy(() -> store.tasks().enqueue("t-1", NewTask.builder("t").payload(tooDeep).build()))
                    .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                        assertThat(e.field()).isEqualTo("task.payload");
                        assertThat(e.rule()).contains("deeper than " + DEPTH);
                    });
            assertThat(store.tasks().find("t-1")).isEmpty();
        }
    }
}
