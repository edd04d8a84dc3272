package dev.agenthive.tck;

import dev.agenthive.api.agent.AgentQuery;
import dev.agenthive.api.agent.AgentRegistration;
import dev.agenthive.api.error.ConflictException;
import dev.agenthive.api.error.ErrorCode;
import dev.agenthive.api.error.InvalidStateTransitionException;
import dev.agenthive.api.memory.JsonType;
import dev.agenthive.api.memory.MemoryEntry;
import dev.agenthive.api.memory.MemoryWrite;
import dev.agenthive.api.message.Message;
import dev.agenthive.api.message.NewMessage;
import dev.agenthive.api.task.ClaimRequest;
import dev.agenthive.api.task.NewTask;
import dev.agenthive.api.task.RetryBackoff;
import dev.agenthive.api.task.Task;
import dev.agenthive.api.task.TaskStatus;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Contract for concurrent callers on one store, with real threads released together: no task is
 * claimed or completed twice, no idempotency key creates two tasks or two messages, no
 * compare-and-set increment is lost, no message is delivered to two readers at once.
 */
public abstract sealed class ConcurrencyContract extends AbstractStoreContract permits HiveStoreTck.Concurrency {

    private static final int THREADS = 8;
    private static final RetryBackoff NO_BACKOFF = new RetryBackoff(Duration.ZERO, Duration.ZERO);
    /** Only guards against a hang; the contract says nothing about how fast the work is. */
    private static final long HANG_GUARD_MINUTES = 5;

    @FunctionalInterface
    protected interface Worker<T> {
        T run(int index) throws Exception;
    }

    /** Runs {@code threads} workers released at the same instant and returns their results in index order. */
    protected static <T> List<T> runConcurrently(int threads, Worker<T> worker) {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                int index = i;
                futures.add(pool.submit(() -> {
                    start.await();
                    return worker.run(index);
                }));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get(HANG_GUARD_MINUTES, TimeUnit.MINUTES));
            }
            return results;
        } catch (ExecutionException e) {
            throw new AssertionError("a worker failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new AssertionError("workers did not finish within " + HANG_GUARD_MINUTES + " minutes", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void eightThreadsClaimAThousandTasksAndEachIsCompletedExactlyOnce() {
        int taskCount = 1_000;
        store().inTransaction(tx -> {
            for (int i = 0; i < taskCount; i++) {
                tx.tasks().enqueue(String.format("task-%04d", i), NewTask.builder("work " + i).priority(i % 7).build());
            }
            return null;
        });
        for (int i = 0; i < THREADS; i++) {
            registerAgent("worker-" + i);
        }
        Map<String, AtomicInteger> completions = new ConcurrentHashMap<>();
        Map<String, String> completedBy = new ConcurrentHashMap<>();

        List<Integer> perWorker = runConcurrently(THREADS, index -> {
            String agent = "worker-" + index;
            int done = 0;
            while (true) {
                List<Task> batch = store().tasks().claim(new ClaimRequest(agent, Set.of(), LONG_LEASE, 1 + index % 4));
                if (batch.isEmpty()) {
                    return done;
                }
                for (Task task : batch) {
                    assertThat(task.assignedAgent()).isEqualTo(agent);
                    if (index % 2 == 0) {
                        store().tasks().start(task.id(), task.leaseToken());
                    }
                    store().tasks().complete(task.id(), task.leaseToken(), jsonObject("by", agent));
                    completions.computeIfAbsent(task.id(), id -> new AtomicInteger()).incrementAndGet();
                    completedBy.put(task.id(), agent);
                    done++;
                }
            }
        });

        assertThat(perWorker.stream().mapToInt(Integer::intValue).sum()).isEqualTo(taskCount);
        assertThat(completions).hasSize(taskCount);
        assertThat(completions.values()).allSatisfy(count -> assertThat(count.get()).isEqualTo(1));
        assertThat(store().tasks().countByStatus()).containsEntry(TaskStatus.COMPLETED, (long) taskCount)
                .containsEntry(TaskStatus.QUEUED, 0L)
                .containsEntry(TaskStatus.CLAIMED, 0L)
                .containsEntry(TaskStatus.RUNNING, 0L);
        for (Map.Entry<String, String> entry : completedBy.entrySet()) {
            Task stored = store().tasks().find(entry.getKey()).orElseThrow();
            assertThat(stored.attempts()).isEqualTo(1);
            assertSameJson(stored.result(), jsonObject("by", entry.getValue()));
        }
    }

    /**
     * Fencing under load: the first holders' leases, shortened by a heartbeat once all are claimed,
     * run out (the store's clock moves past them), other agents re-claim every task with a new lease
     * token, and then each call of a first holder with its stale token (heartbeat, start, complete,
     * both kinds of fail) is refused as {@link ErrorCode#LEASE_LOST}, while the new holders, on other
     * threads, start and complete. Every task ends completed once, on its second attempt, by its new
     * holder and with its result.
     */
    @Test
    void aHolderWhoseExpiredLeaseWasReclaimedIsFencedOffUnderLoad() {
        int taskCount = Scale.of(100, 1_000);
        store().inTransaction(tx -> {
            for (int i = 0; i < taskCount; i++) {
                tx.tasks().enqueue(String.format("task-%04d", i), NewTask.builder("work " + i).maxAttempts(5).build());
            }
            return null;
        });
        for (int i = 0; i < THREADS; i++) {
            registerAgent("first-" + i);
            registerAgent("second-" + i);
        }
        Map<String, Task> stale = new ConcurrentHashMap<>();
        runConcurrently(THREADS, index -> {
            for (List<Task> batch; !(batch = store().tasks().claim(
                    new ClaimRequest("first-" + index, Set.of(), LONG_LEASE, 1 + index % 4))).isEmpty(); ) {
                for (Task task : batch) {
                    stale.put(task.id(), index % 2 == 0 ? store().tasks().start(task.id(), task.leaseToken()) : task);
                }
            }
            return null;
        });
        assertThat(stale).as("tasks held by the first agents").hasSize(taskCount);
        // Shortened only now, so that no lease runs out while the others are still being claimed.
        for (Task held : stale.values()) {
            store().tasks().heartbeat(held.id(), held.leaseToken(), SHORT_TTL);
        }
        passTime(PAST_SHORT_TTL);

        Map<String, String> completedBy = new ConcurrentHashMap<>();
        AtomicInteger refusals = new AtomicInteger();
        runConcurrently(THREADS, index -> {
            String agent = "second-" + index;
            for (List<Task> batch; !(batch = store().tasks().claim(
                    new ClaimRequest(agent, Set.of(), LONG_LEASE, 1 + index % 4))).isEmpty(); ) {
                for (Task task : batch) {
                    Task old = stale.get(task.id());
                    assertThat(task.assignedAgent()).isEqualTo(agent);
                    assertThat(task.attempts()).as("attempts of %s re-claimed", task.id()).isEqualTo(2);
                    assertThat(task.leaseToken()).as("lease token of %s re-claimed", task.id())
                            .isGreaterThan(old.leaseToken());
                    refusals.addAndGet(assertStaleHolderIsRefused(old));
                    Task held = index % 2 == 0 ? store().tasks().start(task.id(), task.leaseToken()) : task;
                    store().tasks().complete(task.id(), held.leaseToken(), jsonObject("by", agent));
                    completedBy.put(task.id(), agent);
                    assertThatThrownBy(() -> store().tasks().complete(task.id(), old.leaseToken(), jsonObject("by", "stale")))
                            .as("a stale completion of the completed %s", task.id())
                            .isInstanceOfAny(ConflictException.class, InvalidStateTransitionException.class);
                }
            }
            return null;
        });

        assertThat(completedBy).as("tasks re-claimed and completed by the second agents").hasSize(taskCount);
        assertThat(refusals.get()).as("stale calls refused").isEqualTo(taskCount * 5);
        assertThat(store().tasks().countByStatus()).containsEntry(TaskStatus.COMPLETED, (long) taskCount);
        for (Map.Entry<String, String> entry : completedBy.entrySet()) {
            Task stored = store().tasks().find(entry.getKey()).orElseThrow();
            assertThat(stored.status()).isEqualTo(TaskStatus.COMPLETED);
            assertThat(stored.assignedAgent()).isEqualTo(entry.getValue());
            assertThat(stored.attempts()).isEqualTo(2);
            assertSameJson(stored.result(), jsonObject("by", entry.getValue()));
        }
    }

    /** Makes every lease call of a holder that lost its lease; each must be refused. Returns the refusals. */
    private int assertStaleHolderIsRefused(Task old) {
        String id = old.id();
        long token = old.leaseToken();
        List<ThrowingCallable> calls = List.of(
                () -> store().tasks().heartbeat(id, token, LONG_LEASE),
                () -> store().tasks().start(id, token),
                () -> store().tasks().complete(id, token, jsonObject("by", "stale")),
                () -> store().tasks().fail(id, token, json("{}"), true, NO_BACKOFF),
                () -> store().tasks().fail(id, token, json("{}"), false, NO_BACKOFF));
        for (ThrowingCallable call : calls) {
            assertThatThrownBy(call).as("a call of %s's stale holder with lease token %d", id, token)
                    .isInstanceOfSatisfying(ConflictException.class,
                            lost -> assertThat(lost.code()).isEqualTo(ErrorCode.LEASE_LOST));
        }
        return calls.size();
    }

    @Test
    void racingClaimsOfOneTaskLeaseItOnce() {
        for (int i = 0; i < THREADS; i++) {
            registerAgent("worker-" + i);
        }
        for (int round = 0; round < 20; round++) {
            String id = "contested-" + round;
            enqueue(id);

            List<List<Task>> claims = runConcurrently(THREADS,
                    index -> store().tasks().claim(new ClaimRequest("worker-" + index, Set.of(), LONG_LEASE, 1)));

            List<Task> winners = claims.stream().flatMap(List::stream).toList();
            assertThat(winners).as("round %d", round).hasSize(1);
            assertThat(winners.get(0).id()).isEqualTo(id);
            assertThat(store().tasks().find(id)).contains(winners.get(0));
        }
    }

    @Test
    void racingCompletionsOfOneTaskSucceedOnce() {
        registerAgent("worker");
        enqueue("t");
        Task claimed = claimOne("worker");

        List<Boolean> outcomes = runConcurrently(THREADS, index -> {
            try {
                store().tasks().complete("t", claimed.leaseToken(), jsonObject("thread", String.valueOf(index)));
                return true;
            } catch (InvalidStateTransitionException | ConflictException refused) {
                return false;
            }
        });

        assertThat(outcomes.stream().filter(Boolean::booleanValue).count()).isEqualTo(1);
        int winner = outcomes.indexOf(true);
        assertSameJson(store().tasks().find("t").orElseThrow().result(), jsonObject("thread", String.valueOf(winner)));
    }

    @Test
    void racingEnqueuesWithOneIdempotencyKeyCreateOneTask() {
        List<Task> results = runConcurrently(THREADS, index -> store().tasks().enqueue("t-" + index,
                NewTask.builder("racer " + index).idempotencyKey("the-key").build()));

        Set<String> ids = Set.copyOf(results.stream().map(Task::id).toList());
        assertThat(ids).hasSize(1);
        assertThat(store().tasks().findByIdempotencyKey("the-key").orElseThrow().id()).isEqualTo(ids.iterator().next());
        assertThat(TaskRepositoryContract.total(store().tasks().countByStatus())).isEqualTo(1);
    }

    @Test
    void racingSendsWithOneIdempotencyKeyStoreOneMessage() {
        registerAgent("alice");
        registerAgent("bob");

        List<Message> results = runConcurrently(THREADS, index -> store().messages().send("m-" + index,
                NewMessage.direct("alice", "bob", "racer-" + index, json("{}")).withIdempotencyKey("the-key")));

        Set<String> ids = Set.copyOf(results.stream().map(Message::id).toList());
        assertThat(ids).hasSize(1);
        assertThat(store().messages().findByIdempotencyKey("the-key")).extracting(Message::id).containsExactlyElementsOf(ids);
        assertThat(store().messages().countPending(null)).isEqualTo(1);
    }

    @Test
    void racingSendsOfOneIdempotencyKeyToDifferentRecipientsStoreOneMessage() {
        registerAgent("sender");
        for (int i = 0; i < THREADS; i++) {
            registerAgent("recipient-" + i);
        }

        List<Boolean> stored = runConcurrently(THREADS, index -> {
            try {
                store().messages().send("m-" + index,
                        NewMessage.direct("sender", "recipient-" + index, "n", json("{}")).withIdempotencyKey("the-key"));
                return true;
            } catch (ConflictException e) {
                assertThat(e.code()).isEqualTo(ErrorCode.DUPLICATE);
                return false;
            }
        });

        assertThat(stored.stream().filter(Boolean::booleanValue).count()).isEqualTo(1);
        assertThat(store().messages().findByIdempotencyKey("the-key")).hasSize(1);
        assertThat(store().messages().countPending(null)).isEqualTo(1);
    }

    @Test
    void racingBroadcastsWithOneIdempotencyKeyStoreOneBroadcast() {
        registerAgent("sender");
        registerAgent("bob");
        registerAgent("carol");

        List<List<Message>> results = runConcurrently(THREADS, index -> store().messages().broadcast("b-" + index,
                NewMessage.broadcast("sender", "n", json("{}")).withIdempotencyKey("the-key")));

        Set<String> broadcasts = Set.copyOf(results.stream().flatMap(List::stream).map(Message::broadcastId).toList());
        assertThat(broadcasts).hasSize(1);
        assertThat(results).allSatisfy(copies -> assertThat(copies).hasSize(2));
        assertThat(store().messages().countPending(null)).isEqualTo(2);
    }

    @Test
    void compareAndSetLosesNoIncrement() {
        int incrementsPerThread = 25;
        store().sharedMemory().put(new MemoryWrite("ns", "counter", json("0"), JsonType.NUMBER, null, null, 0L));

        runConcurrently(THREADS, index -> {
            for (int done = 0; done < incrementsPerThread; ) {
                MemoryEntry current = store().sharedMemory().get("ns", "counter").orElseThrow();
                long next = Long.parseLong(current.value().text().trim()) + 1;
                try {
                    store().sharedMemory().put(new MemoryWrite("ns", "counter", json(Long.toString(next)),
                            JsonType.NUMBER, null, null, current.version()));
                    done++;
                } catch (ConflictException e) {
                    assertThat(e.code()).isEqualTo(ErrorCode.VERSION_MISMATCH);
                }
            }
            return null;
        });

        MemoryEntry counter = store().sharedMemory().get("ns", "counter").orElseThrow();
        int total = THREADS * incrementsPerThread;
        assertSameJson(counter.value(), json(Integer.toString(total)));
        assertThat(counter.version()).isEqualTo(total + 1L);
    }

    @Test
    void concurrentInboxReadersNeverShareAMessage() {
        registerAgent("sender");
        registerAgent("reader");
        int messageCount = 400;
        store().inTransaction(tx -> {
            for (int i = 0; i < messageCount; i++) {
                tx.messages().send(String.format("m-%04d", i), NewMessage.direct("sender", "reader", "n", json("{}")));
            }
            return null;
        });
        Map<String, AtomicInteger> deliveries = new ConcurrentHashMap<>();

        runConcurrently(THREADS, index -> {
            while (true) {
                List<Message> batch = store().messages().inbox("reader", 7, LONG_LEASE);
                if (batch.isEmpty()) {
                    return null;
                }
                for (Message message : batch) {
                    deliveries.computeIfAbsent(message.id(), id -> new AtomicInteger()).incrementAndGet();
                    assertThat(store().messages().ack("reader", message.id())).isTrue();
                }
            }
        });

        assertThat(deliveries).hasSize(messageCount);
        assertThat(deliveries.values()).allSatisfy(count -> assertThat(count.get()).isEqualTo(1));
        assertThat(store().messages().countPending("reader")).isZero();
    }

    @Test
    void racingRegistrationsOfOneAgentLeaveOneAgent() {
        runConcurrently(THREADS, index -> store().agents().register(
                AgentRegistration.of("same-agent", "type-" + index, Set.of("cap-" + index))));

        assertThat(store().agents().list(AgentQuery.all())).hasSize(1);
        assertThat(store().agents().find("same-agent").orElseThrow().type()).startsWith("type-");
    }

    @Test
    void mixedWritersOnEveryAggregateAllSucceed() {
        registerAgent("a");
        registerAgent("b");
        Duration lease = LONG_LEASE;

        List<Integer> written = runConcurrently(4, index -> {
            int count = 0;
            for (int i = 0; i < 50; i++) {
                switch (index) {
                    case 0 -> store().tasks().enqueue("t-" + i, NewTask.builder("t").build());
                    case 1 -> store().messages().send("m-" + i, NewMessage.direct("a", "b", "n", json("{}")));
                    case 2 -> store().sharedMemory().put(new MemoryWrite("ns", "k-" + i, json("1"),
                            JsonType.NUMBER, null, null, null));
                    default -> store().tasks().claim(new ClaimRequest("a", Set.of(), lease, 2));
                }
                count++;
            }
            return count;
        });

        assertThat(written).containsOnly(50);
        assertThat(store().messages().countPending("b")).isEqualTo(50);
        assertThat(store().sharedMemory().list("ns", "k-", null, 100)).hasSize(50);
        assertThat(TaskRepositoryContract.total(store().tasks().countByStatus())).isEqualTo(50);
    }

    @Test
    void dependenciesCompletedAtOnceReleaseTheirDependentEveryTime() {
        for (int round = 0; round < 10; round++) {
            List<Task> dependencies = new ArrayList<>();
            for (int i = 0; i < THREADS; i++) {
                String agent = "r" + round + "-agent-" + i;
                registerAgent(agent);
                enqueue("r" + round + "-dep-" + i);
                dependencies.add(claimOne(agent));
            }
            String dependent = "r" + round + "-dependent";
            store().tasks().enqueue(dependent, NewTask.builder("dependent")
                    .dependencies(dependencies.stream().map(Task::id).toList()).build());

            runConcurrently(THREADS, i -> store().tasks().complete(dependencies.get(i).id(),
                    dependencies.get(i).leaseToken(), json("{}")));

            assertThat(store().tasks().find(dependent)).get().extracting(Task::status)
                    .as("round %d: the dependent after all %d dependencies completed", round, THREADS)
                    .isEqualTo(TaskStatus.QUEUED);
        }
    }

    @Test
    void aTaskEnqueuedWhileItsDependencyCompletesIsNeverLeftPending() {
        registerAgent("worker");
        for (int round = 0; round < 20; round++) {
            enqueue("dep-" + round);
            Task dependency = claimOne("worker");
            String dependent = "dependent-" + round;

            runConcurrently(2, i -> i == 0
                    ? store().tasks().complete(dependency.id(), dependency.leaseToken(), json("{}"))
                    : store().tasks().enqueue(dependent, NewTask.builder("dependent")
                            .dependencies(List.of(dependency.id())).build()));

            assertThat(store().tasks().find(dependent)).get().extracting(Task::status)
                    .as("round %d: a task whose only dependency is completed", round)
                    .isEqualTo(TaskStatus.QUEUED);
        }
    }
}
