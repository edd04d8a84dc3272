package dev.agenthive.core;

import dev.agenthive.api.agent.AgentRegistration;
import dev.agenthive.api.agent.AgentStatus;
import dev.agenthive.api.error.InvalidInputException;
import dev.agenthive.api.error.InvalidStateTransitionException;
import dev.agenthive.api.event.Event;
import dev.agenthive.api.event.EventQuery;
import dev.agenthive.api.event.Severity;
import dev.agenthive.api.json.Json;
import dev.agenthive.api.task.NewTask;
import dev.agenthive.api.task.Task;
import dev.agenthive.api.task.TaskStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HiveAgentTest {
    @TempDir
    Path dir;

    @Test
    void detectCrashedMarksStaleAgentsRequeuesTheirTasksAndRecordsAWarningEach() throws InterruptedException {
        TestClock clock = new TestClock(Instant.now());
        try (Hive hive = TestHives.open(TestHives.config(dir).build(), clock)) {
            hive.agents().register(AgentRegistration.of("stale", "coder", Set.of()));
            Task task = hive.tasks().enqueue(NewTask.builder("held").build());
            Task claimed = hive.tasks().claim("stale", 1, Duration.ofHours(1), Duration.ZERO).get(0);
            clock.advance(Duration.ofMinutes(2));
            hive.agents().register(AgentRegistration.of("fresh", "coder", Set.of()));

            List<String> crashed = hive.agents().detectCrashed(Duration.ofMinutes(1));

            assertThat(crashed).containsExactly("stale");
            assertThat(hive.agents().get("stale").status()).isEqualTo(AgentStatus.CRASHED);
            assertThat(hive.agents().get("fresh").status()).isEqualTo(AgentStatus.ACTIVE);
            Task released = hive.tasks().get(task.id());
            assertThat(released.status()).isEqualTo(TaskStatus.QUEUED);
            assertThat(released.leaseToken()).isEqualTo(claimed.leaseToken());
            List<Event> events = hive.events().query(new EventQuery("stale", "agent.crashed", null, null, null, null, null, 10)).events();
            assertThat(events).singleElement().satisfies(event -> {
                assertThat(event.severity()).isEqualTo(Severity.WARNING);
                assertThat(event.details().text()).contains("\"releasedTasks\":1");
            });
            assertThat(hive.agents().detectCrashed(Duration.ofMinutes(1))).isEmpty();
        }
    }

    @Test
    void aCrashedAgentCannotHeartbeatUntilItRegistersAgain() {
        TestClock clock = new TestClock(Instant.now());
        try (Hive hive = TestHives.open(TestHives.config(dir).build(), clock)) {
            hive.agents().register(AgentRegistration.of("a", "coder", Set.of()));
            clock.advance(Duration.ofMinutes(2));
            assertThat(hive.agents().detectCrashed(Duration.ofMinutes(1))).containsExactly("a");

            assertThatThrownBy(() -> hive.agents().heartbeat("a"))
                    .isInstanceOf(InvalidStateTransitionException.class);
            assertThat(hive.agents().register(AgentRegistration.of("a", "coder", Set.of())).status())
                    .isEqualTo(AgentStatus.ACTIVE);
        }
    }

    @Test
    void terminatingAnAgentGivesItsTasksBack() throws InterruptedException {
        try (Hive hive = Hive.open(TestHives.config(dir).build())) {
            hive.agents().register(AgentRegistration.of("leaving", "coder", Set.of()));
            Task task = hive.tasks().enqueue(NewTask.builder("held").build());
            hive.tasks().claim("leaving", 1, Duration.ZERO);

            hive.agents().setStatus("leaving", AgentStatus.TERMINATED);

            assertThat(hive.tasks().get(task.id()).status()).isEqualTo(TaskStatus.QUEUED);
        }
    }

    @Test
    void anInvalidConfigurationIsRejectedAndTheAgentIsNotRegistered() {
        try (Hive hive = Hive.open(TestHives.config(dir).build())) {
            AgentRegistration registration = new AgentRegistration("a", "coder", Set.of(), null, null, Json.of("[1,"));

            assertThatThrownBy(() -> hive.agents().register(registration))
                    .isInstanceOfSatisfying(InvalidInputException.class,
                            e -> assertThat(e.field()).isEqualTo("agent.configuration"));
            assertThat(hive.agents().find("a")).isEmpty();
        }
    }
}
