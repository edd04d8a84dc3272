package dev.agenthive.core;

import dev.agenthive.api.agent.AgentRegistration;
import dev.agenthive.api.agent.AgentStatus;
import dev.agenthive.api.error.InvalidInputException;
import dev.agenthive.api.error.InvalidStateTransitionException;
import dev.agenthive.api.error.NotFoundException;
import dev.agenthive.api.event.Event;
import dev.agenthive.api.event.EventQuery;
import dev.agenthive.api.event.Severity;
import dev.agenthive.api.json.Json;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HiveTaskTest {
    private static final Duration LONG = Duration.ofMinutes(5);

    @TempDir
    Path dir;

    @Test
    void aWaitingClaimIsWokenByAnEnqueueFromAnotherThread() throws Exception {
        // With an hour between rechecks, only the in-process signal can end the claim's wait in time.
        HiveConfig config = TestHives.config(dir).set(HiveConfig.WAIT_RECHECK_INTERVAL, Duration.ofHours(1)).build();
        try (Hive hive = Hive.open(config)) {
            hive.agents().register(AgentRegistration.of("worker", "coder", Set.of()));
            CompletableFuture<List<Task>> claimed = new CompletableFuture<>();
            Thread claimer = new Thread(() -> {
                try {
                    claimed.complete(hive.tasks().claim("worker", 1, LONG));
                } catch (Throwable e) {
                    claimed.completeExceptionally(e);
                }
            }, "claimer");
            claimer.start();
            TestHives.awaitTimedWaiting(claimer);

            Task enqueued = hive.tasks().enqueue(NewTask.builder("wake up").build());

            List<Task> tasks = claimed.get(LONG.toMinutes(), TimeUnit.MINUTES);
            assertThat(tasks).extracting(Task::id).containsExactly(enqueued.id());
            assertThat(tasks.get(0).status()).isEqualTo(TaskStatus.CLAIMED);
            assertThat(tasks.get(0).assignedAgent()).isEqualTo("worker");
        }
    }

    @Test
    void workEnqueuedByAnotherHiveOnTheSameFileIsFoundByRechecking() throws Exception {
        HiveConfig waiting = TestHives.config(dir).set(HiveConfig.WAIT_RECHECK_INTERVAL, Duration.ofMillis(20)).build();
        try (Hive first = Hive.open(waiting); Hive second = Hive.open(TestHives.config(dir).build())) {
            first.agents().register(AgentRegistration.of("worker", "coder", Set.of()));
            CompletableFuture<List<Task>> claimed = CompletableFuture.supplyAsync(() -> {
                try {
                    return first.tasks().claim("worker", 1, LONG);
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });

            Task enqueued = second.tasks().enqueue(NewTask.builder("from elsewhere").build());

            assertThat(claimed.get(LONG.toMinutes(), TimeUnit.MINUTES)).extracting(Task::id).containsExactly(enqueued.id());
        }
    }

    @Test
    void claimUsesTheAgentsRegisteredCapabilities() throws InterruptedException {
        try (Hive hive = Hive.open(TestHives.config(dir).build())) {
            hive.agents().register(AgentRegistration.of("worker", "coder", Set.of("python")));
            Task task = hive.tasks().enqueue(NewTask.builder("needs java").requiredCapabilities(Set.of("java")).build());

            assertThat(hive.tasks().claim("worker", 1, Duration.ZERO)).isEmpty();

            hive.agents().register(AgentRegistration.of("worker", "coder", Set.of("python", "java")));
            assertThat(hive.tasks().claim("worker", 1, Duration.ZERO)).extracting(Task::id).containsExactly(task.id());
        }
    }

    @Test
    void onlyRegisteredLiveAgentsMayClaim() {
        try (Hive hive = Hive.open(TestHives.config(dir).build())) {
            hive.agents().register(AgentRegistration.of("gone", "coder", Set.of()));
            hive.agents().setStatus("gone", AgentStatus.TERMINATED);

            assertThatThrownBy(() -> hive.tasks().claim("nobody", 1, Duration.ZERO))
                    .isInstanceOfSatisfying(NotFoundException.class, e -> assertThat(e.id()).isEqualTo("nobody"));
            assertThatThrownBy(() -> hive.tasks().claim("gone", 1, Duration.ZERO))
                    .isInstanceOfSatisfying(InvalidStateTransitionException.class,
                            e -> assertThat(e.from()).isEqualTo("terminated"));
        }
    }

    @Test
    void aPayloadNestedTooDeepIsRejectedAndNothingIsWritten() {
        try (Hive hive = Hive.open(TestHives.config(dir).set(HiveConfig.JSON_MAX_DEPTH, "3").build())) {
            NewTask deep = NewTask.builder("deep").payload(Json.of("{\"a\":{\"b\":{\"c\":[1]}}}")).build();

            assertThatThrownBy(() -> hive.tasks().enqueue(deep))
                    .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                        assertThat(e.field()).isEqualTo("task.payload");
                        assertThat(e.rule()).contains("deeper than 3");
                    });
            assertThat(hive.tasks().countByStatus().values()).allMatch(count -> count == 0L);
        }
    }

    @Test
    void payloadsAreStoredNormalised() {
        try (Hive hive = Hive.open(TestHives.config(dir).build())) {
            Task task = hive.tasks().enqueue(NewTask.builder("t").payload(Json.of(" { \"a\" : [ 1 , 2 ] } ")).build());

            assertThat(hive.tasks().get(task.id()).payload().text()).isEqualTo("{\"a\":[1,2]}");
        }
    }

    @Test
    void anInvalidResultLeavesTheTaskClaimed() throws InterruptedException {
        try (Hive hive = Hive.open(TestHives.config(dir).build())) {
            hive.agents().register(AgentRegistration.of("worker", "coder", Set.of()));
            hive.tasks().enqueue(NewTask.builder("t").build());
            Task claimed = hive.tasks().claim("worker", 1, Duration.ZERO).get(0);

            assertThatThrownBy(() -> hive.tasks().complete(claimed.id(), claimed.leaseToken(), Json.of("{oops}")))
                    .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("task.result"));
            assertThat(hive.tasks().get(claimed.id()).status()).isEqualTo(TaskStatus.CLAIMED);

            Task completed = hive.tasks().complete(claimed.id(), claimed.leaseToken(), Json.of("{ \"ok\": true }"));
            assertThat(completed.status()).isEqualTo(TaskStatus.COMPLETED);
            assertThat(completed.result()).isEqualTo(Json.of("{\"ok\":true}"));
        }
    }

    @Test
    void aFailureThatUsesUpTheAttemptsEndsDeadAndRecordsAnErrorEvent() throws InterruptedException {
        try (Hive hive = Hive.open(TestHives.config(dir).build())) {
            hive.agents().register(AgentRegistration.of("worker", "coder", Set.of()));
            Task task = hive.tasks().enqueue(NewTask.builder("fragile").maxAttempts(1).build());
            Task claimed = hive.tasks().claim("worker", 1, Duration.ZERO).get(0);

            Task dead = hive.tasks().fail(claimed.id(), claimed.leaseToken(), Json.of("{\"reason\":\"boom\"}"), true);

            assertThat(dead.status()).isEqualTo(TaskStatus.DEAD);
            List<Event> events = hive.events().query(new EventQuery(null, "task.dead", null, task.id(), null, null, null, 10)).events();
            assertThat(events).singleElement().satisfies(event -> {
                assertThat(event.severity()).isEqualTo(Severity.ERROR);
                assertThat(event.agentId()).isEqualTo("worker");
                assertThat(event.details().text()).contains("\"taskId\":\"" + task.id() + "\"")
                        .contains("\"error\":{\"reason\":\"boom\"}");
            });
        }
    }

    @Test
    void aRetryableFailureWithAttemptsLeftGoesBackToTheQueueWithoutAnEvent() throws InterruptedException {
        try (Hive hive = Hive.open(TestHives.config(dir).build())) {
            hive.agents().register(AgentRegistration.of("worker", "coder", Set.of()));
            hive.tasks().enqueue(NewTask.builder("flaky").maxAttempts(3).build());
            Task claimed = hive.tasks().claim("worker", 1, Duration.ZERO).get(0);

            Task failed = hive.tasks().fail(claimed.id(), claimed.leaseToken(), Json.of("{}"), true);

            assertThat(failed.status()).isEqualTo(TaskStatus.QUEUED);
            assertThat(failed.availableAt()).isAfter(claimed.updatedAt());
            assertThat(hive.events().countBySeverity().get(Severity.ERROR)).isZero();
        }
    }

    @Test
    void aRepeatedIdempotencyKeyReturnsTheFirstTask() {
        try (Hive hive = Hive.open(TestHives.config(dir).build())) {
            Task first = hive.tasks().enqueue(NewTask.builder("once").idempotencyKey("k-1").build());
            Task second = hive.tasks().enqueue(NewTask.builder("once again").idempotencyKey("k-1").build());

            assertThat(second.id()).isEqualTo(first.id());
            assertThat(hive.tasks().countByStatus().get(TaskStatus.QUEUED)).isEqualTo(1L);
        }
    }
}
