package dev.agenthive.cli.top;

import dev.agenthive.api.event.Event;
import dev.agenthive.api.event.NewEvent;
import dev.agenthive.api.event.Severity;
import dev.agenthive.api.json.Json;
import dev.agenthive.core.Hive;
import dev.agenthive.core.config.HiveConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link EventTail} on a real SQLite store. */
class EventTailTest {
    private static final String TYPE = "operation.slow";

    @TempDir
    Path dir;

    private Hive hive;
    private Instant now;

    @BeforeEach
    void open() {
        hive = Hive.open(HiveConfig.builder().isolated().storageUrl("sqlite:" + dir.resolve("hive.db"))
                .migrate(true).maintenanceInterval(Duration.ZERO).build());
        now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    @AfterEach
    void close() {
        hive.close();
    }

    @Test
    void returnsEachEventOfItsTypeOnceFromItsStartOn() {
        record("before-start", now.minusSeconds(60));
        record("first", now);
        hive.events().record(new NewEvent("task.completed", Severity.INFO, null, null, null, now));
        EventTail tail = new EventTail(hive.events(), TYPE, now.minusSeconds(30));

        assertThat(operations(tail.poll())).containsExactly("first");
        assertThat(tail.poll()).isEmpty();

        record("second", now.plusMillis(10));
        record("third", now.plusMillis(20));
        assertThat(operations(tail.poll())).containsExactly("second", "third");
        assertThat(tail.poll()).isEmpty();
    }

    /** An event committed after a later-timed one, within {@link EventTail#LATE_COMMIT}, is still seen; once. */
    @Test
    void seesAnEventThatCommitsAfterALaterTimedOne() {
        EventTail tail = new EventTail(hive.events(), TYPE, now.minusSeconds(60));
        record("on time", now);
        assertThat(operations(tail.poll())).containsExactly("on time");

        record("late", now.minusSeconds(2));
        record("too late", now.minus(EventTail.LATE_COMMIT).minusSeconds(1));

        assertThat(operations(tail.poll())).containsExactly("late");
        assertThat(tail.poll()).isEmpty();
    }

    /**
     * A backlog of more than one poll's pages is read by the following polls, every event once, even
     * when all of it is within {@link EventTail#LATE_COMMIT}, which each poll reads again.
     */
    @Test
    void readsABacklogBeyondOnePollOverTheNextPolls() {
        List<NewEvent> backlog = new ArrayList<>();
        for (int i = 0; i < 10_500; i++) {
            backlog.add(new NewEvent(TYPE, Severity.WARNING, null, null, null, now));
        }
        hive.events().recordAll(backlog.subList(0, 10_000));
        hive.events().recordAll(backlog.subList(10_000, backlog.size()));
        EventTail tail = new EventTail(hive.events(), TYPE, now.minusSeconds(60));

        List<Event> first = tail.poll();
        List<Event> second = tail.poll();

        assertThat(first).hasSize(10_000);
        assertThat(second).hasSize(500);
        assertThat(ids(first)).doesNotContainAnyElementsOf(ids(second));
        assertThat(tail.poll()).isEmpty();
        assertThat(tail.poll()).isEmpty();
    }

    private void record(String operation, Instant at) {
        hive.events().record(new NewEvent(TYPE, Severity.WARNING, null, null,
                Json.of("{\"operation\":\"" + operation + "\"}"), at));
    }

    private static List<String> ids(List<Event> events) {
        return events.stream().map(Event::id).toList();
    }

    private static List<String> operations(List<Event> events) {
        return events.stream().map(event -> EventDetails.of(event).text("operation", "?")).toList();
    }
}
