package dev.agenthive.it.model;

import dev.agenthive.api.agent.AgentRegistration;
import dev.agenthive.api.error.ConflictException;
import dev.agenthive.api.error.ErrorCode;
import dev.agenthive.api.error.InvalidStateTransitionException;
import dev.agenthive.api.json.Json;
import dev.agenthive.api.spi.StorageProvider;
import dev.agenthive.api.spi.StorageSettings;
import dev.agenthive.api.store.HiveStore;
import dev.agenthive.api.task.ClaimRequest;
import dev.agenthive.api.task.NewTask;
import dev.agenthive.api.task.RetryBackoff;
import dev.agenthive.api.task.Task;
import dev.agenthive.api.task.TaskRepository;
import dev.agenthive.api.task.TaskStatus;
import dev.agenthive.it.fault.Scale;
import dev.agenthive.it.model.TaskModel.Ending;
import dev.agenthive.it.model.TaskModel.ModelTask;
import dev.agenthive.it.model.TaskModel.Outcome;
import dev.agenthive.tck.MutableClock;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeProperty;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The task state machine of a store against {@link TaskModel}: jqwik generates sequences of enqueue
 * (with parent, dependencies, max attempts), claim, start, heartbeat, complete, fail (retried or
 * final), cancel, time passing beyond leases and backoffs, maintenance's requeue of expired leases,
 * and an agent crash (marked crashed, its leases released, as maintenance does). Lease calls are made
 * with the current lease token or a stale one. After every step, every task's status, attempts,
 * assignee, lease token and whether it holds a lease must be the model's, and every call must succeed
 * or be refused as the model says; a failing sequence is shrunk to a shortest one.
 *
 * <p>All tries of a property share one store (opening one per try would cost more than the steps):
 * each try names its tasks and agents with a prefix of its own, hangs its tasks below a cancelled root
 * task so one query reads them all, and cancels what is left when it ends, so no lease of an earlier
 * try is taken back by a later one. Reduced scale 50 tries of up to 30 steps; {@code -Preliability} 1000
 * tries of up to 60 (the tries come from the {@code jqwik.tries.default} the build hands the engine: see
 * hive-it's pom).
 */
abstract class TaskStateMachineProperties {
    private static final int AGENTS = 3;
    private static final RetryBackoff BACKOFF = new RetryBackoff(Duration.ofMinutes(TaskModel.BACKOFF_MINUTES),
            Duration.ofMinutes(TaskModel.BACKOFF_MINUTES));
    /**
     * Time moves in steps of 4 and 25 minutes, while leases last 10 or 30 and the backoff 10: no sum of
     * steps equals a lease or the backoff, so no deadline falls on the instant the model checks it,
     * and the few real milliseconds a try takes never decide an expiry.
     */
    private static final int SHORT_STEP = 4;
    private static final int LONG_STEP = 25;
    private static final int HEARTBEAT_TIMEOUT = 20;
    private static final Set<TaskStatus> LEASED = EnumSet.of(TaskStatus.CLAIMED, TaskStatus.RUNNING);

    private final MutableClock clock = new MutableClock();
    private final AtomicLong tries = new AtomicLong();
    private final AtomicLong steps = new AtomicLong();
    /** Tries whose store differed from the model, shrinking's included. */
    private final AtomicLong mismatches = new AtomicLong();
    private HiveStore store;
    private long started;
    private long opened;

    /** Opens the store every try of the property uses, on {@code clock}. */
    abstract HiveStore openStore(Clock clock);

    /** Closes the store and removes its data. */
    abstract void closeStore(HiveStore store);

    /** The name in the {@code RELIABILITY} summary line. */
    abstract String name();

    /** Opens a migrated store through the provider that accepts the URL, as users do. */
    static HiveStore open(String url, Clock clock) {
        StorageProvider provider = ServiceLoader.load(StorageProvider.class).stream().map(ServiceLoader.Provider::get)
                .filter(candidate -> candidate.accepts(url)).findFirst()
                .orElseThrow(() -> new AssertionError("no storage provider accepts " + url));
        return provider.open(new StorageSettings(url, true, Map.of(), clock));
    }

    @BeforeProperty
    void openStore() {
        started = System.nanoTime();
        store = openStore(clock);
        opened = System.nanoTime();
    }

    @AfterProperty
    void closeStore() {
        long now = System.nanoTime();
        Scale.report("task-model-" + name() + " tries=" + tries.get() + " steps=" + steps.get()
                + " mismatched_tries=" + mismatches.get() + " open_ms=" + (opened - started) / 1_000_000 + " run_ms=" + (now - opened) / 1_000_000);
        closeStore(store);
    }

    @Property(shrinking = ShrinkingMode.FULL)
    void theStoreFollowsTheModel(@ForAll("sequences") List<Step> sequence) {
        try {
            new Run(store, clock, "p" + tries.incrementAndGet()).play(sequence, steps);
        } catch (AssertionError mismatch) {
            mismatches.incrementAndGet();
            throw mismatch;
        }
    }

    @Provide
    Arbitrary<List<Step>> sequences() {
        Arbitrary<Integer> pick = Arbitraries.integers().between(0, 99);
        Arbitrary<Integer> optionalPick = Arbitraries.integers().between(-4, 9);
        Arbitrary<Boolean> flag = Arbitraries.of(true, false);
        Arbitrary<Step> enqueue = Combinators.combine(Arbitraries.integers().between(0, 2),
                Arbitraries.integers().between(1, 3), optionalPick, optionalPick, optionalPick).as(Step.Enqueue::new);
        Arbitrary<Step> claim = Combinators.combine(pick, Arbitraries.integers().between(1, 3), flag).as(Step.Claim::new);
        Arbitrary<Step> start = Combinators.combine(pick, flag).as(Step.Start::new);
        Arbitrary<Step> heartbeat = Combinators.combine(pick, flag, flag).as(Step.Heartbeat::new);
        Arbitrary<Step> complete = Combinators.combine(pick, flag).as(Step.Complete::new);
        Arbitrary<Step> fail = Combinators.combine(pick, flag, flag).as(Step.Fail::new);
        Arbitrary<Step> cancel = pick.map(Step.Cancel::new);
        Arbitrary<Step> advance = flag.map(Step.Advance::new);
        Arbitrary<Step> requeue = Arbitraries.just(new Step.RequeueExpired());
        Arbitrary<Step> crash = pick.map(Step.Crash::new);
        @SuppressWarnings("unchecked")
        Arbitrary<Step> step = Arbitraries.frequencyOf(Tuple.of(5, enqueue), Tuple.of(5, claim), Tuple.of(2, start),
                Tuple.of(2, heartbeat), Tuple.of(3, complete), Tuple.of(3, fail), Tuple.of(1, cancel),
                Tuple.of(3, advance), Tuple.of(1, requeue), Tuple.of(1, crash));
        // Uniform lengths: jqwik's default favours short lists, which rarely reach the states worth testing.
        return step.list().ofMinSize(1).ofMaxSize(Scale.full() ? 60 : 30).withSizeDistribution(RandomDistribution.uniform());
    }

    /** One generated step; task and agent picks are taken modulo what exists when it runs. */
    sealed interface Step {
        /** A task with a priority, max attempts, maybe a parent and up to two dependencies (negative: none). */
        record Enqueue(int priority, int maxAttempts, int parent, int dependency, int otherDependency) implements Step {
        }

        /** A live agent claims up to {@code maxTasks} with a 30 (long) or 10 minute lease. */
        record Claim(int agent, int maxTasks, boolean longLease) implements Step {
        }

        /** Start with the current or a stale lease token. */
        record Start(int task, boolean stale) implements Step {
        }

        /** Heartbeat with the current or a stale token, extending by 30 (long) or 10 minutes. */
        record Heartbeat(int task, boolean stale, boolean longLease) implements Step {
        }

        /** Complete with the current or a stale token. */
        record Complete(int task, boolean stale) implements Step {
        }

        /** Fail, retryable or not, with the current or a stale token. */
        record Fail(int task, boolean stale, boolean retryable) implements Step {
        }

        /** Cancel the task and what is below it. */
        record Cancel(int task) implements Step {
        }

        /** Let 25 (long) or 4 minutes pass. */
        record Advance(boolean longStep) implements Step {
        }

        /** Maintenance's requeue of expired leases. */
        record RequeueExpired() implements Step {
        }

        /** A live agent stops heartbeating: time passes, maintenance marks it crashed and releases its leases. */
        record Crash(int agent) implements Step {
        }
    }

    /** One try: its own tasks, agents and model on the shared store. */
    private static final class Run {
        private final HiveStore store;
        private final MutableClock clock;
        private final String prefix;
        private final String root;
        private final TaskModel model = new TaskModel();
        private final List<String> live = new ArrayList<>();
        private final List<Step> done = new ArrayList<>();
        private int created;

        Run(HiveStore store, MutableClock clock, String prefix) {
            this.store = store;
            this.clock = clock;
            this.prefix = prefix;
            this.root = prefix + "-root";
        }

        void play(List<Step> sequence, AtomicLong steps) {
            for (int i = 0; i < AGENTS; i++) {
                live.add(prefix + "-a" + i);
            }
            store.inTransaction(tx -> {
                tx.tasks().enqueue(root, NewTask.builder("root of " + prefix).build());
                tx.tasks().cancel(root);
                for (String agent : live) {
                    tx.agents().register(AgentRegistration.of(agent, "coder", Set.of()));
                }
                return null;
            });
            try {
                for (Step step : sequence) {
                    done.add(step);
                    apply(step);
                    steps.incrementAndGet();
                    compare();
                }
            } finally {
                cancelWhatIsLeft();
            }
        }

        private TaskRepository tasks() {
            return store.tasks();
        }

        private void apply(Step step) {
            if (step instanceof Step.Enqueue enqueue) {
                enqueue(enqueue);
            } else if (step instanceof Step.Claim claim) {
                claim(claim);
            } else if (step instanceof Step.Start start) {
                leaseCall(start.task(), start.stale(), EnumSet.of(TaskStatus.CLAIMED), null,
                        (id, token) -> tasks().start(id, token), model::start);
            } else if (step instanceof Step.Heartbeat heartbeat) {
                int lease = heartbeat.longLease() ? 30 : 10;
                leaseCall(heartbeat.task(), heartbeat.stale(), LEASED, null,
                        (id, token) -> tasks().heartbeat(id, token, Duration.ofMinutes(lease)),
                        id -> model.heartbeat(id, lease));
            } else if (step instanceof Step.Complete complete) {
                leaseCall(complete.task(), complete.stale(), LEASED, Ending.COMPLETE,
                        (id, token) -> tasks().complete(id, token, Json.of("{\"done\":true}")), model::complete);
            } else if (step instanceof Step.Fail fail) {
                leaseCall(fail.task(), fail.stale(), LEASED, Ending.FAIL,
                        (id, token) -> tasks().fail(id, token, Json.of("{\"failed\":true}"), fail.retryable(), BACKOFF),
                        id -> model.fail(id, fail.retryable()));
            } else if (step instanceof Step.Cancel cancel) {
                cancel(cancel.task());
            } else if (step instanceof Step.Advance advance) {
                advance(advance.longStep() ? LONG_STEP : SHORT_STEP);
            } else if (step instanceof Step.RequeueExpired) {
                assertThat(tasks().requeueExpired(BACKOFF)).as(context("tasks requeueExpired moved"))
                        .isEqualTo(model.requeueExpired());
            } else if (step instanceof Step.Crash crash) {
                crash(crash.agent());
            } else {
                throw new IllegalStateException("a step the run does not know: " + step);
            }
        }

        private void enqueue(Step.Enqueue enqueue) {
            List<String> ids = model.ids();
            String id = String.format("%s-t%03d", prefix, created++);
            String parent = enqueue.parent() < 0 || ids.isEmpty() ? root : ids.get(enqueue.parent() % ids.size());
            Set<String> dependencies = new LinkedHashSet<>();
            for (int pick : List.of(enqueue.dependency(), enqueue.otherDependency())) {
                if (pick >= 0 && !ids.isEmpty()) {
                    dependencies.add(ids.get(pick % ids.size()));
                }
            }
            tasks().enqueue(id, NewTask.builder("task " + id).priority(enqueue.priority())
                    .maxAttempts(enqueue.maxAttempts()).parentId(parent).dependencies(List.copyOf(dependencies)).build());
            model.enqueue(id, parent.equals(root) ? null : parent, List.copyOf(dependencies), enqueue.priority(),
                    enqueue.maxAttempts());
        }

        private void claim(Step.Claim claim) {
            if (live.isEmpty()) {
                return;
            }
            String agent = live.get(claim.agent() % live.size());
            int lease = claim.longLease() ? 30 : 10;
            List<Task> claimed = tasks().claim(new ClaimRequest(agent, Set.of(), Duration.ofMinutes(lease), claim.maxTasks()));
            List<String> expected = model.claim(agent, claim.maxTasks(), lease);
            assertThat(claimed).extracting(Task::id).as(context("tasks claimed by " + agent)).isEqualTo(expected);
            for (Task task : claimed) {
                ModelTask modelled = model.task(task.id());
                assertThat(task.leaseToken()).as(context("the new lease token of " + task.id()))
                        .isGreaterThan(modelled.token);
                modelled.token = task.leaseToken();
                modelled.ended = null;
            }
        }

        /**
         * A start, heartbeat, complete or fail, which the model says succeeds, repeats the call that ended
         * the lease ({@code ending}, for complete and fail), or how it is refused.
         */
        private void leaseCall(int pick, boolean stale, Set<TaskStatus> allowed, Ending ending, LeaseCall call,
                               Consumer<String> onSuccess) {
            List<String> ids = model.ids();
            if (ids.isEmpty()) {
                return;
            }
            String id = ids.get(pick % ids.size());
            long current = model.task(id).token;
            long token = !stale ? current : current == 0 ? 1 : current - 1;
            Outcome expected = model.leaseCall(id, token, allowed, ending);
            Throwable thrown = catchThrowable(() -> call.run(id, token));
            String what = context("the call on " + id + " with lease token " + token + " (current " + current + ")");
            switch (expected) {
                case DONE -> {
                    assertThat(thrown).as(what).isNull();
                    onSuccess.accept(id);
                }
                case REPEATED -> assertThat(thrown).as(what + ", repeating the call that ended its lease").isNull();
                case LEASE_LOST -> assertThat(thrown).as(what).isInstanceOfSatisfying(ConflictException.class,
                        lost -> assertThat(lost.code()).as(what).isEqualTo(ErrorCode.LEASE_LOST));
                case INVALID_TRANSITION -> assertThat(thrown).as(what).isInstanceOf(InvalidStateTransitionException.class);
            }
        }

        private void cancel(int pick) {
            List<String> ids = model.ids();
            if (ids.isEmpty()) {
                return;
            }
            String id = ids.get(pick % ids.size());
            if (model.terminal(id)) {
                assertThat(catchThrowable(() -> tasks().cancel(id))).as(context("cancel of the terminal " + id))
                        .isInstanceOf(InvalidStateTransitionException.class);
            } else {
                assertThat(tasks().cancel(id)).as(context("tasks cancelled with " + id)).isEqualTo(model.cancel(id));
            }
        }

        private void advance(int minutes) {
            clock.advance(Duration.ofMinutes(minutes));
            model.advance(minutes);
        }

        /** What a crashed agent looks like to maintenance: no heartbeat for longer than the timeout. */
        private void crash(int pick) {
            if (live.isEmpty()) {
                return;
            }
            String victim = live.remove(pick % live.size());
            advance(LONG_STEP);
            for (String agent : live) {
                store.agents().heartbeat(agent);
            }
            List<String> crashed = store.agents().markCrashed(Duration.ofMinutes(HEARTBEAT_TIMEOUT)).stream()
                    .filter(agent -> agent.startsWith(prefix + "-")).toList();
            assertThat(crashed).as(context("agents marked crashed")).containsExactly(victim);
            assertThat(tasks().releaseAgentTasks(victim, BACKOFF)).as(context("leases of " + victim + " released"))
                    .isEqualTo(model.releaseAgent(victim));
        }

        private void compare() {
            Map<String, Task> actual = tasks().subtree(root).stream().filter(task -> !task.id().equals(root))
                    .collect(Collectors.toMap(Task::id, Function.identity()));
            assertThat(actual.keySet()).as(context("tasks")).containsExactlyInAnyOrderElementsOf(model.tasks().keySet());
            for (ModelTask expected : model.tasks().values()) {
                Task task = actual.get(expected.id);
                String what = context(expected.id + ", expected " + expected + ", stored " + describe(task));
                assertThat(task.status()).as(what).isEqualTo(expected.status);
                assertThat(task.attempts()).as(what).isEqualTo(expected.attempts);
                assertThat(task.assignedAgent()).as(what).isEqualTo(expected.assignee);
                assertThat(task.leaseToken()).as(what).isEqualTo(expected.token);
                assertThat(task.leaseUntil() != null).as(what + ": holds a lease").isEqualTo(expected.leased());
            }
        }

        private String context(String what) {
            return prefix + " after " + done + ": " + what;
        }

        private static String describe(Task task) {
            return task.id() + "[" + task.status() + " attempts=" + task.attempts() + "/" + task.maxAttempts()
                    + " assignee=" + task.assignedAgent() + " token=" + task.leaseToken()
                    + " leaseUntil=" + task.leaseUntil() + "]";
        }

        /** Leaves no lease and no claimable task behind for the next try on the same store. */
        private void cancelWhatIsLeft() {
            store.inTransaction(tx -> {
                for (Task task : tx.tasks().subtree(root)) {
                    if (!tx.tasks().find(task.id()).orElseThrow().status().isTerminal()) {
                        tx.tasks().cancel(task.id());
                    }
                }
                return null;
            });
        }
    }

    @FunctionalInterface
    private interface LeaseCall {
        Task run(String id, long token);
    }
}
