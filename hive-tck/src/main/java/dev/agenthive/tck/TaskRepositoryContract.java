package dev.agenthive.tck;

import dev.agenthive.api.error.ConflictException;
import dev.agenthive.api.error.ErrorCode;
import dev.agenthive.api.error.InvalidStateTransitionException;
import dev.agenthive.api.error.NotFoundException;
import dev.agenthive.api.task.ClaimRequest;
import dev.agenthive.api.task.NewTask;
import dev.agenthive.api.task.RetryBackoff;
import dev.agenthive.api.task.Task;
import dev.agenthive.api.task.TaskQuery;
import dev.agenthive.api.task.TaskRepository;
import dev.agenthive.api.task.TaskStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Contract of {@link TaskRepository}: enqueue, dependencies, claims with fencing tokens, the lease
 * lifecycle, retries, expiry, cancellation and queries.
 */
public abstract sealed class TaskRepositoryContract extends AbstractStoreContract permits HiveStoreTck.Tasks {

    private static final RetryBackoff NO_BACKOFF = new RetryBackoff(Duration.ZERO, Duration.ZERO);
    private static final RetryBackoff HOUR_BACKOFF = new RetryBackoff(Duration.ofHours(1), Duration.ofHours(4));

    private TaskRepository tasks() {
        return store().tasks();
    }

    // ---- enqueue ---------------------------------------------------------------------------

    @Test
    void enqueueStoresEveryFieldAndQueues() {
        Instant before = nowMillis();
        Task task = tasks().enqueue("t-1", NewTask.builder("Write the parser")
                .description("line one\nline two")
                .type("code")
                .priority(7)
                .requiredCapabilities(Set.of("java", "git"))
                .payload(json("{\"file\":\"Parser.java\",\"lines\":[1,2,3]}"))
                .maxAttempts(5)
                .idempotencyKey("key-1")
                .build());
        Instant after = nowMillisCeiling();

        assertThat(task.id()).isEqualTo("t-1");
        assertThat(task.title()).isEqualTo("Write the parser");
        assertThat(task.description()).isEqualTo("line one\nline two");
        assertThat(task.type()).isEqualTo("code");
        assertThat(task.status()).isEqualTo(TaskStatus.QUEUED);
        assertThat(task.priority()).isEqualTo(7);
        assertThat(task.parentId()).isNull();
        assertThat(task.dependencies()).isEmpty();
        assertThat(task.assignedAgent()).isNull();
        assertThat(task.requiredCapabilities()).containsExactlyInAnyOrder("java", "git");
        assertSameJson(task.payload(), json("{\"lines\":[1,2,3],\"file\":\"Parser.java\"}"));
        assertThat(task.result()).isNull();
        assertThat(task.error()).isNull();
        assertThat(task.attempts()).isZero();
        assertThat(task.maxAttempts()).isEqualTo(5);
        assertThat(task.leaseToken()).isZero();
        assertThat(task.leaseUntil()).isNull();
        assertThat(task.availableAt()).isBetween(before, after);
        assertThat(task.idempotencyKey()).isEqualTo("key-1");
        assertThat(task.createdAt()).isBetween(before, after);
        assertThat(task.updatedAt()).isBetween(before, after);
        assertThat(task.finishedAt()).isNull();
        assertThat(tasks().find("t-1")).contains(task);
    }

    @Test
    void enqueueWithDefaults() {
        tasks().enqueue("t-1", NewTask.builder("minimal").build());
        Task task = tasks().find("t-1").orElseThrow();

        assertThat(task.type()).isEqualTo("task");
        assertThat(task.priority()).isZero();
        assertThat(task.description()).isNull();
        assertThat(task.maxAttempts()).isEqualTo(NewTask.DEFAULT_MAX_ATTEMPTS);
        assertThat(task.idempotencyKey()).isNull();
        assertSameJson(task.payload(), json("{}"));
    }

    @Test
    void findOfUnknownTaskIsEmpty() {
        assertThat(tasks().find("nothing")).isEmpty();
        assertThat(tasks().findByIdempotencyKey("nothing")).isEmpty();
    }

    @Test
    void enqueueWithDelayIsNotClaimableBeforeItPasses() {
        registerAgent("agent-1");
        Instant before = nowMillis();
        Task task = tasks().enqueue("t-1", NewTask.builder("later").delay(Duration.ofHours(1)).build());

        assertThat(task.status()).isEqualTo(TaskStatus.QUEUED);
        assertThat(task.availableAt()).isAfterOrEqualTo(before.plus(Duration.ofHours(1)));
        assertThat(tasks().claim(claim("agent-1", 10))).isEmpty();
    }

    @Test
    void enqueueWithShortDelayBecomesClaimable() {
        registerAgent("agent-1");
        tasks().enqueue("t-1", NewTask.builder("soon").delay(SHORT_TTL).build());
        passTime(PAST_SHORT_TTL);

        assertThat(claimOne("agent-1").id()).isEqualTo("t-1");
    }

    @Test
    void idempotencyKeyReturnsTheFirstTaskUnchanged() {
        tasks().enqueue("t-1", NewTask.builder("first").idempotencyKey("once").priority(1).build());
        Task first = tasks().find("t-1").orElseThrow();

        Task second = tasks().enqueue("t-2", NewTask.builder("second").idempotencyKey("once").priority(9).build());

        assertThat(second).isEqualTo(first);
        assertThat(tasks().find("t-2")).isEmpty();
        assertThat(tasks().findByIdempotencyKey("once")).contains(first);
        assertThat(total(tasks().countByStatus())).isEqualTo(1);
    }

    @Test
    void idempotencyKeyReturnsTheFirstTaskEvenAfterItMovedOn() {
        registerAgent("agent-1");
        tasks().enqueue("t-1", NewTask.builder("first").idempotencyKey("once").build());
        Task claimed = claimOne("agent-1");
        Task completed = tasks().complete("t-1", claimed.leaseToken(), json("{\"ok\":true}"));

        Task again = tasks().enqueue("t-2", NewTask.builder("again").idempotencyKey("once").build());

        assertThat(again).isEqualTo(completed);
        assertThat(tasks().find("t-2")).isEmpty();
    }

    @Test
    void duplicateIdIsConflictAndKeepsTheFirstTask() {
        enqueue("t-1");
        Task first = tasks().find("t-1").orElseThrow();

        ConflictException e = assertThrows(ConflictException.class,
                () -> tasks().enqueue("t-1", NewTask.builder("other").build()));

        assertThat(e.code()).isEqualTo(ErrorCode.DUPLICATE);
        assertThat(tasks().find("t-1")).contains(first);
    }

    @Test
    void missingParentIsNotFoundAndStoresNothing() {
        assertThatThrownBy(() -> tasks().enqueue("child", NewTask.builder("c").parentId("no-parent").build()))
                .isInstanceOf(NotFoundException.class);

        assertThat(tasks().find("child")).isEmpty();
        assertThat(total(tasks().countByStatus())).isZero();
    }

    @Test
    void missingDependencyIsNotFoundAndStoresNothing() {
        enqueue("dep-1");

        assertThatThrownBy(() -> tasks().enqueue("t", NewTask.builder("t")
                .dependencies(List.of("dep-1", "dep-missing")).build()))
                .isInstanceOf(NotFoundException.class);

        assertThat(tasks().find("t")).isEmpty();
        assertThat(total(tasks().countByStatus())).isEqualTo(1);
    }

    @Test
    void parentIsRecorded() {
        enqueue("parent");
        Task child = tasks().enqueue("child", NewTask.builder("c").parentId("parent").build());

        assertThat(child.parentId()).isEqualTo("parent");
        assertThat(tasks().find("child").orElseThrow().parentId()).isEqualTo("parent");
    }

    // ---- dependencies ----------------------------------------------------------------------

    @Test
    void everyCallThatReturnsATaskReturnsItsDependenciesInEnqueueOrder() {
        registerAgent("agent-1");
        enqueue("dep-b");
        enqueue("dep-a");
        for (int i = 0; i < 2; i++) {
            Task dependency = claimOne("agent-1");
            tasks().complete(dependency.id(), dependency.leaseToken(), json("1"));
        }
        tasks().enqueue("t", NewTask.builder("t").dependencies(List.of("dep-b", "dep-a")).build());
        List<String> inOrder = List.of("dep-b", "dep-a");

        assertThat(tasks().find("t").orElseThrow().dependencies()).containsExactlyElementsOf(inOrder);
        Task claimed = claimOne("agent-1");
        assertThat(claimed.id()).isEqualTo("t");
        assertThat(claimed.dependencies()).containsExactlyElementsOf(inOrder);
        assertThat(tasks().start("t", claimed.leaseToken()).dependencies()).containsExactlyElementsOf(inOrder);
        assertThat(tasks().heartbeat("t", claimed.leaseToken(), LONG_LEASE).dependencies()).containsExactlyElementsOf(inOrder);
        assertThat(tasks().complete("t", claimed.leaseToken(), json("3")).dependencies()).containsExactlyElementsOf(inOrder);
        assertThat(tasks().find("dep-a").orElseThrow().dependencies()).isEmpty();
    }

    @Test
    void taskWaitsPendingUntilEveryDependencyCompletes() {
        registerAgent("agent-1");
        enqueue("dep-a", 10);
        enqueue("dep-b", 5);
        Task waiting = tasks().enqueue("t", NewTask.builder("t").priority(100)
                .dependencies(List.of("dep-a", "dep-b")).build());

        assertThat(waiting.status()).isEqualTo(TaskStatus.PENDING);
        assertThat(waiting.dependencies()).containsExactlyInAnyOrder("dep-a", "dep-b");

        Task a = claimOne("agent-1");
        assertThat(a.id()).as("a pending task is never claimed").isEqualTo("dep-a");
        tasks().complete("dep-a", a.leaseToken(), json("1"));
        assertThat(tasks().find("t").orElseThrow().status()).isEqualTo(TaskStatus.PENDING);

        Task b = claimOne("agent-1");
        assertThat(b.id()).isEqualTo("dep-b");
        assertThat(tasks().claim(claim("agent-1", 10))).isEmpty();
        tasks().complete("dep-b", b.leaseToken(), json("2"));

        assertThat(tasks().find("t").orElseThrow().status()).isEqualTo(TaskStatus.QUEUED);
        assertThat(claimOne("agent-1").id()).isEqualTo("t");
    }

    @Test
    void taskWhoseDependenciesAlreadyCompletedIsQueuedAtOnce() {
        registerAgent("agent-1");
        enqueue("dep");
        Task dep = claimOne("agent-1");
        tasks().complete("dep", dep.leaseToken(), json("{}"));

        Task task = tasks().enqueue("t", NewTask.builder("t").dependencies(List.of("dep")).build());

        assertThat(task.status()).isEqualTo(TaskStatus.QUEUED);
    }

    @Test
    void pendingTaskStaysPendingWhileDependencyFails() {
        registerAgent("agent-1");
        tasks().enqueue("dep", NewTask.builder("dep").maxAttempts(2).build());
        tasks().enqueue("t", NewTask.builder("t").dependencies(List.of("dep")).build());

        Task dep = claimOne("agent-1");
        tasks().fail("dep", dep.leaseToken(), json("{\"e\":1}"), true, NO_BACKOFF);

        assertThat(tasks().find("t").orElseThrow().status()).isEqualTo(TaskStatus.PENDING);
    }

    // ---- claim -----------------------------------------------------------------------------

    @Test
    void claimLeasesTheTask() {
        registerAgent("agent-1");
        enqueue("t-1");
        Instant before = nowMillis();

        List<Task> claimed = tasks().claim(new ClaimRequest("agent-1", Set.of(), Duration.ofMinutes(10), 1));
        Instant after = nowMillisCeiling();

        assertThat(claimed).hasSize(1);
        Task task = claimed.get(0);
        assertThat(task.id()).isEqualTo("t-1");
        assertThat(task.status()).isEqualTo(TaskStatus.CLAIMED);
        assertThat(task.assignedAgent()).isEqualTo("agent-1");
        assertThat(task.attempts()).isEqualTo(1);
        assertThat(task.leaseToken()).isPositive();
        assertThat(task.leaseUntil()).isBetween(before.plus(Duration.ofMinutes(10)), after.plus(Duration.ofMinutes(10)));
        assertThat(tasks().find("t-1")).contains(task);
    }

    @Test
    void claimOnEmptyQueueReturnsNothing() {
        registerAgent("agent-1");
        assertThat(tasks().claim(claim("agent-1", 5))).isEmpty();
    }

    @Test
    void claimTakesHighestPriorityFirstThenOldest() {
        registerAgent("agent-1");
        enqueue("t-1", 0);
        enqueue("t-2", 5);
        enqueue("t-3", -3);
        enqueue("t-4", 5);
        enqueue("t-5", 0);

        List<String> order = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            order.add(claimOne("agent-1").id());
        }

        assertThat(order).containsExactly("t-2", "t-4", "t-1", "t-5", "t-3");
        assertThat(tasks().claim(claim("agent-1", 1))).isEmpty();
    }

    @Test
    void batchClaimTakesAtMostMaxTasksInOrder() {
        registerAgent("agent-1");
        enqueue("t-1", 1);
        enqueue("t-2", 2);
        enqueue("t-3", 3);
        enqueue("t-4", 4);
        enqueue("t-5", 5);

        List<Task> batch = tasks().claim(claim("agent-1", 3));

        assertThat(batch).extracting(Task::id).containsExactly("t-5", "t-4", "t-3");
        assertThat(batch).allSatisfy(task -> {
            assertThat(task.status()).isEqualTo(TaskStatus.CLAIMED);
            assertThat(task.assignedAgent()).isEqualTo("agent-1");
        });
        assertThat(tasks().claim(claim("agent-1", 10))).extracting(Task::id).containsExactly("t-2", "t-1");
        assertThat(tasks().countByStatus()).containsEntry(TaskStatus.CLAIMED, 5L).containsEntry(TaskStatus.QUEUED, 0L);
    }

    @Test
    void claimRequiresEveryRequiredCapability() {
        registerAgent("plain");
        registerAgent("java-only", "java");
        registerAgent("full", "java", "git", "docker");
        tasks().enqueue("needs-both", NewTask.builder("n").priority(10)
                .requiredCapabilities(Set.of("java", "git")).build());
        tasks().enqueue("needs-nothing", NewTask.builder("n").build());

        assertThat(tasks().claim(claim("plain", 10)))
                .extracting(Task::id).containsExactly("needs-nothing");
        assertThat(tasks().claim(claim("java-only", 10, "java"))).isEmpty();
        assertThat(tasks().claim(claim("full", 10, "java", "git", "docker")))
                .extracting(Task::id).containsExactly("needs-both");
    }

    @Test
    void capabilitiesMatchWholeNamesOnly() {
        registerAgent("agent-1", "java-17", "gi");
        tasks().enqueue("t", NewTask.builder("t").requiredCapabilities(Set.of("java", "git")).build());

        assertThat(tasks().claim(claim("agent-1", 1, "java-17", "gi"))).isEmpty();
        assertThat(tasks().find("t").orElseThrow().status()).isEqualTo(TaskStatus.QUEUED);
    }

    @Test
    void leaseTokenIncreasesWithEveryClaim() {
        registerAgent("agent-1");
        registerAgent("agent-2");
        tasks().enqueue("t", NewTask.builder("t").maxAttempts(10).build());

        Task first = tasks().claim(new ClaimRequest("agent-1", Set.of(), SHORT_TTL, 1)).get(0);
        passTime(PAST_SHORT_TTL);
        Task second = tasks().claim(new ClaimRequest("agent-2", Set.of(), SHORT_TTL, 1)).get(0);
        passTime(PAST_SHORT_TTL);
        assertThat(tasks().requeueExpired(NO_BACKOFF)).isEqualTo(1);
        Task third = claimOne("agent-1");
        tasks().fail("t", third.leaseToken(), json("\"boom\""), true, NO_BACKOFF);
        Task fourth = claimOne("agent-2");

        assertThat(List.of(first, second, third, fourth)).extracting(Task::id).containsOnly("t");
        assertThat(second.leaseToken()).isGreaterThan(first.leaseToken());
        assertThat(third.leaseToken()).isGreaterThan(second.leaseToken());
        assertThat(fourth.leaseToken()).isGreaterThan(third.leaseToken());
        assertThat(List.of(first, second, third, fourth)).extracting(Task::attempts).containsExactly(1, 2, 3, 4);
    }

    // ---- start / heartbeat / complete ------------------------------------------------------

    @Test
    void startMovesClaimedToRunning() {
        registerAgent("agent-1");
        enqueue("t");
        Task claimed = claimOne("agent-1");

        Task running = tasks().start("t", claimed.leaseToken());

        assertThat(running.status()).isEqualTo(TaskStatus.RUNNING);
        assertThat(running.leaseToken()).isEqualTo(claimed.leaseToken());
        assertThat(running.assignedAgent()).isEqualTo("agent-1");
        assertThat(tasks().find("t")).contains(running);
    }

    @Test
    void heartbeatExtendsTheLease() {
        registerAgent("agent-1");
        enqueue("t");
        Task claimed = tasks().claim(new ClaimRequest("agent-1", Set.of(), Duration.ofMinutes(1), 1)).get(0);

        Instant before = nowMillis();
        Task extended = tasks().heartbeat("t", claimed.leaseToken(), Duration.ofHours(2));
        Instant after = nowMillisCeiling();

        assertThat(extended.leaseUntil()).isBetween(before.plus(Duration.ofHours(2)), after.plus(Duration.ofHours(2)));
        assertThat(extended.status()).isEqualTo(TaskStatus.CLAIMED);
        assertThat(extended.leaseToken()).isEqualTo(claimed.leaseToken());

        tasks().start("t", claimed.leaseToken());
        Task running = tasks().heartbeat("t", claimed.leaseToken(), Duration.ofHours(3));
        assertThat(running.status()).isEqualTo(TaskStatus.RUNNING);
        assertThat(running.leaseUntil()).isAfter(extended.leaseUntil());
        assertThat(tasks().find("t")).contains(running);
    }

    @Test
    void heartbeatKeepsTheTaskFromExpiring() {
        registerAgent("agent-1");
        registerAgent("agent-2");
        enqueue("t");
        Task claimed = tasks().claim(new ClaimRequest("agent-1", Set.of(), SHORT_TTL, 1)).get(0);
        tasks().heartbeat("t", claimed.leaseToken(), LONG_LEASE);
        passTime(PAST_SHORT_TTL);

        assertThat(tasks().requeueExpired(NO_BACKOFF)).isZero();
        assertThat(tasks().claim(claim("agent-2", 1))).isEmpty();
        assertThat(tasks().find("t").orElseThrow().assignedAgent()).isEqualTo("agent-1");
    }

    @Test
    void completeFromClaimedOrRunningStoresTheResult() {
        registerAgent("agent-1");
        enqueue("claimed");
        enqueue("running");
        Task c = claimOne("agent-1");
        Task r = claimOne("agent-1");
        tasks().start(r.id(), r.leaseToken());

        Instant before = nowMillis();
        Task doneC = tasks().complete(c.id(), c.leaseToken(), json("{\"lines\":42}"));
        Task doneR = tasks().complete(r.id(), r.leaseToken(), json("[\"a\",\"b\"]"));
        Instant after = nowMillisCeiling();

        for (Task done : List.of(doneC, doneR)) {
            assertThat(done.status()).isEqualTo(TaskStatus.COMPLETED);
            assertThat(done.finishedAt()).isBetween(before, after);
            assertThat(done.leaseUntil()).isNull();
            assertThat(tasks().find(done.id())).contains(done);
        }
        assertSameJson(doneC.result(), json("{\"lines\":42}"));
        assertSameJson(doneR.result(), json("[\"a\",\"b\"]"));
    }

    @Test
    void completeTwiceIsInvalidTransitionAndKeepsTheFirstResult() {
        registerAgent("agent-1");
        enqueue("t");
        Task claimed = claimOne("agent-1");
        Task done = tasks().complete("t", claimed.leaseToken(), json("{\"n\":1}"));

        assertThatThrownBy(() -> tasks().complete("t", claimed.leaseToken(), json("{\"n\":2}")))
                .isInstanceOf(InvalidStateTransitionException.class);

        assertThat(tasks().find("t")).contains(done);
    }

    @Test
    void operationsOnUnknownTaskAreNotFound() {
        List<Executable> calls = List.of(
                () -> tasks().start("nothing", 1),
                () -> tasks().heartbeat("nothing", 1, LONG_LEASE),
                () -> tasks().complete("nothing", 1, json("{}")),
                () -> tasks().fail("nothing", 1, json("{}"), true, NO_BACKOFF),
                () -> tasks().cancel("nothing"));
        for (Executable call : calls) {
            assertThrows(NotFoundException.class, call);
        }
        assertThat(total(tasks().countByStatus())).isZero();
    }

    @Test
    void staleTokenIsLeaseLostForEveryLeaseOperation() {
        registerAgent("agent-1");
        registerAgent("agent-2");
        tasks().enqueue("t", NewTask.builder("t").maxAttempts(5).build());
        Task old = tasks().claim(new ClaimRequest("agent-1", Set.of(), SHORT_TTL, 1)).get(0);
        passTime(PAST_SHORT_TTL);
        Task current = claimOne("agent-2");
        assertThat(current.leaseToken()).isGreaterThan(old.leaseToken());

        List<Executable> staleCalls = List.of(
                () -> tasks().start("t", old.leaseToken()),
                () -> tasks().heartbeat("t", old.leaseToken(), LONG_LEASE),
                () -> tasks().complete("t", old.leaseToken(), json("{\"by\":\"agent-1\"}")),
                () -> tasks().fail("t", old.leaseToken(), json("{}"), true, NO_BACKOFF),
                () -> tasks().fail("t", old.leaseToken(), json("{}"), false, NO_BACKOFF));
        for (Executable call : staleCalls) {
            ConflictException e = assertThrows(ConflictException.class, call);
            assertThat(e.code()).isEqualTo(ErrorCode.LEASE_LOST);
            assertThat(tasks().find("t")).contains(current);
        }

        Task done = tasks().complete("t", current.leaseToken(), json("{\"by\":\"agent-2\"}"));
        assertSameJson(done.result(), json("{\"by\":\"agent-2\"}"));
    }

    @Test
    void wrongTokenOnRunningTaskIsLeaseLost() {
        registerAgent("agent-1");
        enqueue("t");
        Task claimed = claimOne("agent-1");
        Task running = tasks().start("t", claimed.leaseToken());

        ConflictException e = assertThrows(ConflictException.class,
                () -> tasks().complete("t", claimed.leaseToken() + 1, json("{}")));

        assertThat(e.code()).isEqualTo(ErrorCode.LEASE_LOST);
        assertThat(tasks().find("t")).contains(running);
    }

    @Test
    void expiredHolderCannotFinishARequeuedTask() {
        registerAgent("agent-1");
        enqueue("t");
        Task old = tasks().claim(new ClaimRequest("agent-1", Set.of(), SHORT_TTL, 1)).get(0);
        passTime(PAST_SHORT_TTL);
        assertThat(tasks().requeueExpired(HOUR_BACKOFF)).isEqualTo(1);
        Task requeued = tasks().find("t").orElseThrow();

        assertThatThrownBy(() -> tasks().complete("t", old.leaseToken(), json("{}")))
                .isInstanceOfAny(ConflictException.class, InvalidStateTransitionException.class);
        assertThatThrownBy(() -> tasks().start("t", old.leaseToken()))
                .isInstanceOfAny(ConflictException.class, InvalidStateTransitionException.class);

        assertThat(tasks().find("t")).contains(requeued);
    }

    @Test
    void operationsOnQueuedTaskAreRefused() {
        enqueue("t");
        Task queued = tasks().find("t").orElseThrow();

        List<Executable> calls = List.of(
                () -> tasks().start("t", queued.leaseToken()),
                () -> tasks().heartbeat("t", queued.leaseToken(), LONG_LEASE),
                () -> tasks().complete("t", queued.leaseToken(), json("{}")),
                () -> tasks().fail("t", queued.leaseToken(), json("{}"), true, NO_BACKOFF));
        for (Executable call : calls) {
            assertThatThrownBy(call::execute)
                    .isInstanceOfAny(InvalidStateTransitionException.class, ConflictException.class);
        }
        assertThat(tasks().find("t")).contains(queued);
    }

    // ---- fail ------------------------------------------------------------------------------

    @Test
    void retryableFailureRequeuesAfterBackoff() {
        registerAgent("agent-1");
        tasks().enqueue("t", NewTask.builder("t").maxAttempts(3).build());
        Task claimed = claimOne("agent-1");

        Instant before = nowMillis();
        Task failed = tasks().fail("t", claimed.leaseToken(), json("{\"reason\":\"flaky\"}"), true, HOUR_BACKOFF);
        Instant after = nowMillisCeiling();

        assertThat(failed.status()).isEqualTo(TaskStatus.QUEUED);
        assertSameJson(failed.error(), json("{\"reason\":\"flaky\"}"));
        assertThat(failed.attempts()).isEqualTo(1);
        assertThat(failed.leaseUntil()).isNull();
        assertThat(failed.finishedAt()).isNull();
        assertThat(failed.availableAt()).isBetween(before.plus(Duration.ofHours(1)), after.plus(Duration.ofHours(1)));
        assertThat(tasks().find("t")).contains(failed);
        assertThat(tasks().claim(claim("agent-1", 1))).as("not claimable during backoff").isEmpty();
    }

    @Test
    void retryBackoffGrowsExponentially() {
        registerAgent("agent-1");
        Duration initial = Duration.ofMillis(250);
        RetryBackoff backoff = new RetryBackoff(initial, Duration.ofHours(1));
        Duration tolerance = Duration.ofMillis(200);
        tasks().enqueue("t", NewTask.builder("t").maxAttempts(5).build());

        Task first = claimOne("agent-1");
        Task failedOnce = tasks().fail("t", first.leaseToken(), json("1"), true, backoff);
        Duration firstDelay = Duration.between(failedOnce.updatedAt(), failedOnce.availableAt());

        passTime(Duration.ofMillis(600));
        Task second = claimOne("agent-1");
        Task failedTwice = tasks().fail("t", second.leaseToken(), json("2"), true, backoff);
        Duration secondDelay = Duration.between(failedTwice.updatedAt(), failedTwice.availableAt());

        assertThat(firstDelay).isBetween(backoff.delayAfter(1), backoff.delayAfter(1).plus(tolerance));
        assertThat(secondDelay).isBetween(backoff.delayAfter(2), backoff.delayAfter(2).plus(tolerance));
        assertThat(failedTwice.attempts()).isEqualTo(2);
    }

    @Test
    void retryableFailureOnLastAttemptGoesDead() {
        registerAgent("agent-1");
        tasks().enqueue("t", NewTask.builder("t").maxAttempts(2).build());
        Task first = claimOne("agent-1");
        tasks().fail("t", first.leaseToken(), json("{\"try\":1}"), true, NO_BACKOFF);
        Task second = claimOne("agent-1");

        Task dead = tasks().fail("t", second.leaseToken(), json("{\"try\":2}"), true, NO_BACKOFF);

        assertThat(dead.status()).isEqualTo(TaskStatus.DEAD);
        assertThat(dead.attempts()).isEqualTo(2);
        assertThat(dead.finishedAt()).isNotNull();
        assertSameJson(dead.error(), json("{\"try\":2}"));
        assertThat(tasks().find("t")).contains(dead);
        assertThat(tasks().claim(claim("agent-1", 1))).isEmpty();
    }

    @Test
    void nonRetryableFailureIsFinal() {
        registerAgent("agent-1");
        tasks().enqueue("t", NewTask.builder("t").maxAttempts(10).build());
        Task claimed = claimOne("agent-1");
        tasks().start("t", claimed.leaseToken());

        Task failed = tasks().fail("t", claimed.leaseToken(), json("{\"fatal\":true}"), false, NO_BACKOFF);

        assertThat(failed.status()).isEqualTo(TaskStatus.FAILED);
        assertThat(failed.finishedAt()).isNotNull();
        assertSameJson(failed.error(), json("{\"fatal\":true}"));
        assertThat(tasks().claim(claim("agent-1", 1))).isEmpty();
        assertThatThrownBy(() -> tasks().complete("t", claimed.leaseToken(), json("{}")))
                .isInstanceOf(InvalidStateTransitionException.class);
        assertThat(tasks().find("t")).contains(failed);
    }

    /**
     * A caller whose complete or fail committed but whose answer was lost (a dropped connection, a
     * socket timeout) retries it: the same lease token with the same result or error gets the recorded
     * outcome and changes nothing, so retrying is always safe.
     */
    @Test
    void aCompleteOrFailRepeatedWithItsLeaseTokenAndValueGetsTheRecordedOutcome() {
        registerAgent("agent-1");
        enqueue("done", 3);
        enqueue("failed", 2);
        enqueue("retried", 1);
        Task doneClaim = claimOne("agent-1");
        Task completed = tasks().complete("done", doneClaim.leaseToken(), json("{\"n\":1}"));
        assertThat(tasks().complete("done", doneClaim.leaseToken(), json("{\"n\": 1.0}"))).isEqualTo(completed);

        Task failedClaim = claimOne("agent-1");
        Task failed = tasks().fail("failed", failedClaim.leaseToken(), json("{\"why\":\"x\"}"), false, NO_BACKOFF);
        assertThat(tasks().fail("failed", failedClaim.leaseToken(), json("{\"why\":\"x\"}"), false, NO_BACKOFF))
                .isEqualTo(failed);

        Task retriedClaim = claimOne("agent-1");
        Task requeued = tasks().fail("retried", retriedClaim.leaseToken(), json("{\"why\":\"y\"}"), true, NO_BACKOFF);
        assertThat(requeued.status()).isEqualTo(TaskStatus.QUEUED);
        assertThat(tasks().fail("retried", retriedClaim.leaseToken(), json("{\"why\":\"y\"}"), true, NO_BACKOFF))
                .isEqualTo(requeued);

        assertThat(tasks().find("done")).contains(completed);
        assertThat(tasks().find("failed")).contains(failed);
        assertThat(tasks().find("retried")).contains(requeued);
        assertThat(completed.attempts()).isEqualTo(1);
        assertThat(requeued.attempts()).isEqualTo(1);
    }

    // ---- expiry and release ----------------------------------------------------------------

    @Test
    void expiredLeaseIsRequeuedOnTheNextClaim() {
        registerAgent("agent-1");
        registerAgent("agent-2");
        enqueue("t");
        Task first = tasks().claim(new ClaimRequest("agent-1", Set.of(), SHORT_TTL, 1)).get(0);
        passTime(PAST_SHORT_TTL);

        Task reclaimed = claimOne("agent-2");

        assertThat(reclaimed.id()).isEqualTo("t");
        assertThat(reclaimed.assignedAgent()).isEqualTo("agent-2");
        assertThat(reclaimed.attempts()).isEqualTo(2);
        assertThat(reclaimed.leaseToken()).isGreaterThan(first.leaseToken());
    }

    @Test
    void expiredLeaseWithoutAttemptsLeftGoesDeadOnTheNextClaim() {
        registerAgent("agent-1");
        registerAgent("agent-2");
        tasks().enqueue("t", NewTask.builder("t").maxAttempts(1).build());
        tasks().claim(new ClaimRequest("agent-1", Set.of(), SHORT_TTL, 1));
        passTime(PAST_SHORT_TTL);

        assertThat(tasks().claim(claim("agent-2", 1))).isEmpty();
        assertThat(tasks().find("t").orElseThrow().status()).isEqualTo(TaskStatus.DEAD);
    }

    @Test
    void countWaitingCountsPendingAndQueuedTasksOnly() {
        registerAgent("agent-1");
        assertThat(tasks().countWaiting()).isZero();
        enqueue("claimed", 3);
        enqueue("done", 2);
        enqueue("queued", 1);
        tasks().enqueue("pending", NewTask.builder("p").dependencies(List.of("queued")).build());
        tasks().enqueue("delayed", NewTask.builder("d").delay(Duration.ofHours(1)).build());
        claimOne("agent-1");
        Task done = claimOne("agent-1");
        tasks().complete(done.id(), done.leaseToken(), json("{}"));

        assertThat(tasks().countWaiting()).as("queued, pending and delayed").isEqualTo(3);
        Map<TaskStatus, Long> byStatus = tasks().countByStatus();
        assertThat(tasks().countWaiting()).isEqualTo(byStatus.get(TaskStatus.PENDING) + byStatus.get(TaskStatus.QUEUED));
    }

    @Test
    void countDeadSinceCountsTasksByWhenTheyDied() {
        registerAgent("agent-1");
        tasks().enqueue("failed", NewTask.builder("f").priority(3).maxAttempts(1).build());
        tasks().enqueue("expired", NewTask.builder("e").priority(2).maxAttempts(1).build());
        tasks().enqueue("done", NewTask.builder("d").priority(1).build());
        tasks().enqueue("waiting", NewTask.builder("w").priority(0).build());
        Task failed = claimOne("agent-1");
        tasks().fail(failed.id(), failed.leaseToken(), json("{}"), true, NO_BACKOFF);
        Instant firstDeath = tasks().find("failed").orElseThrow().finishedAt();
        tasks().claim(new ClaimRequest("agent-1", Set.of(), SHORT_TTL, 1));
        Task done = claimOne("agent-1");
        tasks().complete(done.id(), done.leaseToken(), json("{}"));
        passTime(PAST_SHORT_TTL);
        tasks().requeueExpired(NO_BACKOFF);
        Task expired = tasks().find("expired").orElseThrow();
        assertThat(expired.status()).isEqualTo(TaskStatus.DEAD);
        Instant secondDeath = expired.finishedAt();
        assertThat(secondDeath).isAfter(firstDeath);

        assertThat(tasks().countDeadSince(firstDeath)).as("since is inclusive").isEqualTo(2);
        assertThat(tasks().countDeadSince(firstDeath.plusMillis(1))).isEqualTo(1);
        assertThat(tasks().countDeadSince(secondDeath)).isEqualTo(1);
        assertThat(tasks().countDeadSince(secondDeath.plusMillis(1))).isZero();
    }

    @Test
    void requeueExpiredMovesOnlyExpiredLeases() {
        registerAgent("agent-1");
        tasks().enqueue("long", NewTask.builder("l").priority(2).build());
        tasks().enqueue("short", NewTask.builder("s").priority(1).build());
        tasks().enqueue("last-try", NewTask.builder("x").priority(0).maxAttempts(1).build());
        Task longLease = claimOne("agent-1");
        assertThat(longLease.id()).isEqualTo("long");
        List<Task> shortLeases = tasks().claim(new ClaimRequest("agent-1", Set.of(), SHORT_TTL, 2));
        assertThat(shortLeases).extracting(Task::id).containsExactly("short", "last-try");
        passTime(PAST_SHORT_TTL);

        Instant before = nowMillis();
        int moved = tasks().requeueExpired(HOUR_BACKOFF);

        assertThat(moved).isEqualTo(2);
        Task requeued = tasks().find("short").orElseThrow();
        assertThat(requeued.status()).isEqualTo(TaskStatus.QUEUED);
        assertThat(requeued.leaseUntil()).isNull();
        assertThat(requeued.availableAt()).isAfterOrEqualTo(before.plus(Duration.ofHours(1)));
        assertThat(tasks().find("last-try").orElseThrow().status()).isEqualTo(TaskStatus.DEAD);
        assertThat(tasks().find("long")).contains(longLease);
        assertThat(tasks().requeueExpired(HOUR_BACKOFF)).isZero();
    }

    @Test
    void releaseAgentTasksTakesBackOnlyThatAgentsLeases() {
        registerAgent("agent-1");
        registerAgent("agent-2");
        enqueue("a", 5);
        enqueue("b", 4);
        tasks().enqueue("c", NewTask.builder("c").priority(3).maxAttempts(1).build());
        enqueue("other", 1);
        List<Task> mine = tasks().claim(claim("agent-1", 3));
        assertThat(mine).extracting(Task::id).containsExactly("a", "b", "c");
        tasks().start("b", mine.get(1).leaseToken());
        Task others = claimOne("agent-2");

        int released = tasks().releaseAgentTasks("agent-1", NO_BACKOFF);

        assertThat(released).isEqualTo(3);
        assertThat(tasks().find("a").orElseThrow().status()).isEqualTo(TaskStatus.QUEUED);
        assertThat(tasks().find("b").orElseThrow().status()).isEqualTo(TaskStatus.QUEUED);
        assertThat(tasks().find("c").orElseThrow().status()).isEqualTo(TaskStatus.DEAD);
        assertThat(tasks().find("other")).contains(others);
        assertThat(tasks().releaseAgentTasks("agent-1", NO_BACKOFF)).isZero();

        List<Task> again = tasks().claim(claim("agent-2", 10));
        assertThat(again).extracting(Task::id).containsExactly("a", "b");
        assertThat(again.get(0).leaseToken()).isGreaterThan(mine.get(0).leaseToken());
    }

    // ---- cancel and subtree ----------------------------------------------------------------

    @Test
    void cancelTakesTheWholeNonTerminalSubtree() {
        registerAgent("agent-1");
        enqueue("root");
        tasks().enqueue("child-a", NewTask.builder("a").parentId("root").priority(10).build());
        tasks().enqueue("child-b", NewTask.builder("b").parentId("root").priority(9).build());
        tasks().enqueue("grandchild", NewTask.builder("g").parentId("child-a").build());
        tasks().enqueue("blocked", NewTask.builder("p").parentId("child-b").dependencies(List.of("grandchild")).build());
        enqueue("unrelated");
        Task done = claimOne("agent-1");
        assertThat(done.id()).isEqualTo("child-a");
        tasks().complete("child-a", done.leaseToken(), json("{}"));
        Task leased = claimOne("agent-1");
        assertThat(leased.id()).isEqualTo("child-b");

        int cancelled = tasks().cancel("root");

        assertThat(cancelled).isEqualTo(4);
        for (String id : List.of("root", "child-b", "grandchild", "blocked")) {
            Task task = tasks().find(id).orElseThrow();
            assertThat(task.status()).as(id).isEqualTo(TaskStatus.CANCELLED);
            assertThat(task.finishedAt()).as(id).isNotNull();
        }
        assertThat(tasks().find("child-a").orElseThrow().status()).isEqualTo(TaskStatus.COMPLETED);
        assertThat(tasks().find("unrelated").orElseThrow().status()).isEqualTo(TaskStatus.QUEUED);
        assertThatThrownBy(() -> tasks().complete("child-b", leased.leaseToken(), json("{}")))
                .isInstanceOfAny(InvalidStateTransitionException.class, ConflictException.class);
        assertThat(tasks().find("child-b").orElseThrow().status()).isEqualTo(TaskStatus.CANCELLED);
        assertThat(tasks().claim(claim("agent-1", 10))).extracting(Task::id).containsExactly("unrelated");
    }

    @Test
    void cancelOfTerminalTaskIsInvalidTransitionAndChangesNothing() {
        registerAgent("agent-1");
        // Enqueued in the same millisecond, "child" would be claimed first (created_at, then id).
        enqueue("root", 1);
        tasks().enqueue("child", NewTask.builder("c").parentId("root").build());
        Task root = claimOne("agent-1");
        Task done = tasks().complete("root", root.leaseToken(), json("{}"));
        Task child = tasks().find("child").orElseThrow();

        assertThatThrownBy(() -> tasks().cancel("root")).isInstanceOf(InvalidStateTransitionException.class);

        assertThat(tasks().find("root")).contains(done);
        assertThat(tasks().find("child")).contains(child);
        assertThat(tasks().cancel("child")).isEqualTo(1);
        assertThatThrownBy(() -> tasks().cancel("child")).isInstanceOf(InvalidStateTransitionException.class);
    }

    @Test
    void subtreeListsParentsBeforeChildren() {
        enqueue("root");
        tasks().enqueue("a", NewTask.builder("a").parentId("root").build());
        tasks().enqueue("b", NewTask.builder("b").parentId("root").build());
        tasks().enqueue("a1", NewTask.builder("a1").parentId("a").build());
        tasks().enqueue("a2", NewTask.builder("a2").parentId("a").build());
        tasks().enqueue("a1x", NewTask.builder("a1x").parentId("a1").build());
        tasks().enqueue("b1", NewTask.builder("b1").parentId("b").build());
        enqueue("other");
        tasks().enqueue("other-child", NewTask.builder("oc").parentId("other").build());

        List<Task> tree = tasks().subtree("root");

        List<String> ids = tree.stream().map(Task::id).toList();
        assertThat(ids).containsExactlyInAnyOrder("root", "a", "b", "a1", "a2", "a1x", "b1");
        assertThat(ids.get(0)).isEqualTo("root");
        for (Task task : tree) {
            if (task.parentId() != null && !task.id().equals("root")) {
                assertThat(ids.indexOf(task.parentId())).as("parent of %s", task.id()).isLessThan(ids.indexOf(task.id()));
            }
        }
        assertThat(tasks().subtree("a1x")).extracting(Task::id).containsExactly("a1x");
    }

    @Test
    void subtreeOfUnknownTaskIsEmptyOrNotFound() {
        List<Task> tree;
        try {
            tree = tasks().subtree("nothing");
        } catch (NotFoundException expected) {
            tree = List.of();
        }
        assertThat(tree).isEmpty();
    }

    // ---- list and counts -------------------------------------------------------------------

    @Test
    void listFiltersByStatusAgentAndParentOldestFirst() {
        registerAgent("agent-1");
        registerAgent("agent-2");
        // Ids sort in creation order, like the time-ordered ids the core generates, because tasks
        // created within one clock tick are ordered by id.
        enqueue("t1-parent", 0);
        tasks().enqueue("t2-child", NewTask.builder("c1").parentId("t1-parent").priority(3).build());
        tasks().enqueue("t3-child", NewTask.builder("c2").parentId("t1-parent").priority(2).build());
        enqueue("t4-other", 1);
        claimOne("agent-1");
        claimOne("agent-2");

        assertThat(ids(tasks().list(new TaskQuery(null, null, null, 100))))
                .containsExactly("t1-parent", "t2-child", "t3-child", "t4-other");
        assertThat(ids(tasks().list(TaskQuery.byStatus(TaskStatus.QUEUED, 100)))).containsExactly("t1-parent", "t4-other");
        assertThat(ids(tasks().list(TaskQuery.byStatus(TaskStatus.CLAIMED, 100)))).containsExactly("t2-child", "t3-child");
        assertThat(ids(tasks().list(new TaskQuery(null, "agent-2", null, 100)))).containsExactly("t3-child");
        assertThat(ids(tasks().list(new TaskQuery(null, null, "t1-parent", 100)))).containsExactly("t2-child", "t3-child");
        assertThat(ids(tasks().list(new TaskQuery(TaskStatus.CLAIMED, "agent-1", "t1-parent", 100))))
                .containsExactly("t2-child");
        assertThat(ids(tasks().list(new TaskQuery(null, null, null, 3))))
                .containsExactly("t1-parent", "t2-child", "t3-child");
        assertThat(tasks().list(TaskQuery.byStatus(TaskStatus.DEAD, 100))).isEmpty();
    }

    @Test
    void countByStatusHasEveryStatus() {
        assertThat(tasks().countByStatus())
                .containsOnlyKeys(TaskStatus.values())
                .allSatisfy((status, count) -> assertThat(count).isZero());

        registerAgent("agent-1");
        enqueue("q1", 9);
        enqueue("q2", 8);
        enqueue("q3", 1);
        tasks().enqueue("p", NewTask.builder("p").dependencies(List.of("q3")).build());
        Task c = claimOne("agent-1");
        Task r = claimOne("agent-1");
        tasks().start(r.id(), r.leaseToken());

        Map<TaskStatus, Long> counts = tasks().countByStatus();
        assertThat(counts).containsOnlyKeys(TaskStatus.values());
        assertThat(counts).containsEntry(TaskStatus.PENDING, 1L)
                .containsEntry(TaskStatus.QUEUED, 1L)
                .containsEntry(TaskStatus.CLAIMED, 1L)
                .containsEntry(TaskStatus.RUNNING, 1L)
                .containsEntry(TaskStatus.COMPLETED, 0L);

        tasks().complete(c.id(), c.leaseToken(), json("{}"));
        tasks().fail(r.id(), r.leaseToken(), json("{}"), false, NO_BACKOFF);
        tasks().cancel("q3");
        counts = tasks().countByStatus();
        assertThat(counts).containsEntry(TaskStatus.COMPLETED, 1L)
                .containsEntry(TaskStatus.FAILED, 1L)
                .containsEntry(TaskStatus.CANCELLED, 1L)
                .containsEntry(TaskStatus.QUEUED, 0L)
                .containsEntry(TaskStatus.PENDING, 1L);
        assertThat(total(counts)).isEqualTo(4);
    }

    private static List<String> ids(List<Task> tasks) {
        return tasks.stream().map(Task::id).toList();
    }

    static long total(Map<?, Long> counts) {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }
}
