package dev.agenthive.cli.demo;

import dev.agenthive.api.agent.AgentRegistration;
import dev.agenthive.api.checkpoint.Checkpoint;
import dev.agenthive.api.checkpoint.CheckpointKind;
import dev.agenthive.api.checkpoint.CheckpointStatus;
import dev.agenthive.api.checkpoint.NewCheckpoint;
import dev.agenthive.api.error.HiveException;
import dev.agenthive.api.json.Json;
import dev.agenthive.api.memory.MemoryEntry;
import dev.agenthive.api.project.NewProject;
import dev.agenthive.api.project.Project;
import dev.agenthive.api.project.ProjectProgress;
import dev.agenthive.api.task.NewTask;
import dev.agenthive.api.task.Task;
import dev.agenthive.api.task.TaskStatus;
import dev.agenthive.cli.Failures;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One run of the demo: registers simulated agents, enqueues the run's tasks while the agents
 * already work on them, shows progress every second, and at the end checks against the store
 * that every task of the run was completed exactly once.
 *
 * <p>Tasks require the capability {@code demo:<runId>} that only this run's agents have, so
 * several runs on one database each finish exactly their own tasks while contending for the
 * same store. Every task belongs to the run's project, whose quality gate (every task completed,
 * and the completion latency metric recorded for each) is evaluated at the end and must pass.
 */
public final class DemoRun {
    /** Every tenth task is a parent ("epic") of the nine that follow it. */
    private static final int FAMILY_SIZE = 10;
    /** Every 50th task depends on the task enqueued just before it. */
    private static final int DEPENDENCY_EVERY = 50;
    /** Every 40th task fails retryably on its first processing, to exercise retries. */
    private static final int FAIL_ONCE_EVERY = 40;
    private static final int MAX_ATTEMPTS = 5;
    private static final Duration STOP_GRACE = Duration.ofSeconds(30);
    private static final long PROGRESS_INTERVAL_MILLIS = 1_000;

    private final DemoServices services;
    private final DemoSettings settings;
    private final PrintWriter progressOut;
    private final boolean rewriteProgressLine;
    private Project project;
    private Checkpoint qualityGate;

    /**
     * @param services            the platform to drive
     * @param settings            size and time limit
     * @param progressOut         where the live progress goes
     * @param rewriteProgressLine redraw one line (a terminal) instead of printing a line per second (a log)
     */
    public DemoRun(DemoServices services, DemoSettings settings, PrintWriter progressOut, boolean rewriteProgressLine) {
        this.services = services;
        this.settings = settings;
        this.progressOut = progressOut;
        this.rewriteProgressLine = rewriteProgressLine;
    }

    /**
     * Runs the demo to the end. Failures of the platform, a timeout and broken checks do not
     * throw: they are in {@link DemoResult#problems()}, next to the measurements taken so far.
     *
     * @throws InterruptedException the calling thread was interrupted; the agents are stopped first
     */
    public DemoResult run() throws InterruptedException {
        String runId = UUID.randomUUID().toString().substring(0, 8);
        List<String> agentIds = new ArrayList<>(settings.agents());
        for (int i = 1; i <= settings.agents(); i++) {
            agentIds.add("demo-" + runId + "-agent-" + i);
        }
        RunState run = new RunState(runId, agentIds, settings.tasks());
        long startNanos = System.nanoTime();
        long deadlineNanos = startNanos + settings.timeLimit().toNanos();

        List<Thread> threads = new ArrayList<>();
        List<String> taskIds = new ArrayList<>(settings.tasks());
        ScheduledExecutorService progress = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "demo-progress");
            thread.setDaemon(true);
            return thread;
        });
        try {
            MemoryEntry counter = prepare(run);
            for (int i = 0; i < agentIds.size(); i++) {
                Thread thread = new Thread(new DemoAgent(agentIds.get(i), services, run, counter, startNanos + i),
                        agentIds.get(i));
                thread.setDaemon(true);
                threads.add(thread);
                thread.start();
            }
            progress.scheduleAtFixedRate(new ProgressLine(run, startNanos), PROGRESS_INTERVAL_MILLIS,
                    PROGRESS_INTERVAL_MILLIS, TimeUnit.MILLISECONDS);
            enqueueAll(run, taskIds, deadlineNanos);
            if (!run.awaitFinished(deadlineNanos - System.nanoTime())) {
                run.fail("timeout: " + run.completed() + "/" + settings.tasks() + " tasks completed within "
                        + settings.timeLimit().toSeconds() + " s");
            }
        } catch (RuntimeException e) {
            run.fail(Failures.describe(e));
        } finally {
            run.stop();
            progress.shutdownNow();
            progress.awaitTermination(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
            if (rewriteProgressLine) {
                progressOut.println();
            }
            progressOut.flush();
            joinAll(run, threads);
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - startNanos);
        return result(run, taskIds, elapsed);
    }

    /** Registers the agents, creates the run's project with its quality gate and the shared counter. */
    private MemoryEntry prepare(RunState run) throws InterruptedException {
        project = run.timed(Operation.PROJECT,
                () -> services.projects().create(NewProject.project("demo run " + run.runId())));
        Json criteria = Json.of("{\"all\":[{\"type\":\"tasks_completed\"},"
                + "{\"type\":\"metric\",\"name\":\"" + run.metricName() + "\",\"aggregate\":\"count\","
                + "\"op\":\">=\",\"value\":" + settings.tasks() + ",\"window\":\"PT24H\",\"agentId\":null,\"taskId\":null}]}");
        qualityGate = run.timed(Operation.CHECKPOINT, () -> services.checkpoints().create(
                new NewCheckpoint(project.id(), "every task done and measured", CheckpointKind.QUALITY_GATE, criteria)));
        for (String agentId : run.agentIds()) {
            AgentRegistration registration = AgentRegistration.of(agentId, "demo", Set.of(run.capability()));
            run.timed(Operation.REGISTER, () -> services.agents().register(registration));
        }
        return run.timed(Operation.MEMORY_CAS,
                () -> services.memory().compareAndSet(run.namespace(), RunState.COUNTER_KEY, 0, Json.of("0")));
    }

    private void enqueueAll(RunState run, List<String> taskIds, long deadlineNanos) throws InterruptedException {
        String parentId = null;
        for (int n = 0; n < settings.tasks() && !run.stopped(); n++) {
            if (System.nanoTime() - deadlineNanos > 0) {
                run.fail("timeout: only " + n + "/" + settings.tasks() + " tasks enqueued within "
                        + settings.timeLimit().toSeconds() + " s");
                return;
            }
            boolean isParent = n % FAMILY_SIZE == 0;
            NewTask.Builder task = NewTask.builder("demo task " + n + " of run " + run.runId())
                    .type(isParent ? "demo-epic" : "demo-step")
                    .priority(isParent ? 1 : 0)
                    .requiredCapabilities(Set.of(run.capability()))
                    .payload(JsonText.object("run", run.runId(), "n", Integer.toString(n)))
                    .maxAttempts(MAX_ATTEMPTS)
                    .idempotencyKey("demo:" + run.runId() + ":" + n);
            if (!isParent) {
                task.parentId(parentId);
            }
            if (n % DEPENDENCY_EVERY == DEPENDENCY_EVERY - 1) {
                task.dependencies(List.of(taskIds.get(n - 1)));
            }
            NewTask command = task.build();
            Task created = run.timed(Operation.ENQUEUE, () -> services.tasks().enqueue(command));
            run.timed(Operation.PROJECT, () -> services.projects().addTask(project.id(), created.id()));
            if (n % FAIL_ONCE_EVERY == FAIL_ONCE_EVERY / 2) {
                // Marked after the enqueue returns; an agent that is faster simply completes it, which is fine.
                run.injectFailure(created.id());
            }
            if (isParent) {
                parentId = created.id();
            }
            taskIds.add(created.id());
        }
    }

    private void joinAll(RunState run, List<Thread> threads) throws InterruptedException {
        long deadline = System.nanoTime() + STOP_GRACE.toNanos();
        for (Thread thread : threads) {
            long leftMillis = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (leftMillis > 0) {
                thread.join(leftMillis);
            }
            if (thread.isAlive()) {
                run.fail("agent " + thread.getName() + " did not stop within " + STOP_GRACE.toSeconds() + " s");
            }
        }
    }

    private DemoResult result(RunState run, List<String> taskIds, Duration elapsed) throws InterruptedException {
        List<String> problems = new ArrayList<>();
        Optional.ofNullable(run.failure()).ifPresent(problems::add);
        int completedInStore = 0;
        int exactlyOnce = 0;
        long counterValue = -1;
        String projectCheck = "";
        int snapshotsReadBack = -1;
        if (problems.isEmpty()) {
            try {
                for (String taskId : taskIds) {
                    Task task = services.tasks().get(taskId);
                    if (task.status() == TaskStatus.COMPLETED) {
                        completedInStore++;
                    } else {
                        problems.add("task " + taskId + " is " + task.status().dbValue() + " in the store, not completed");
                    }
                    int completions = run.completionsOf(taskId);
                    if (completions == 1) {
                        exactlyOnce++;
                    } else {
                        problems.add("task " + taskId + " was completed successfully " + completions + " times");
                    }
                }
                if (taskIds.size() != settings.tasks()) {
                    problems.add("only " + taskIds.size() + " of " + settings.tasks() + " tasks were enqueued");
                }
                Optional<MemoryEntry> counter = services.memory().get(run.namespace(), RunState.COUNTER_KEY);
                counterValue = counter.map(entry -> Long.parseLong(entry.value().text().trim())).orElse(-1L);
                if (counterValue != settings.tasks()) {
                    problems.add("the shared compare-and-set counter is " + counterValue + ", expected " + settings.tasks());
                }
                projectCheck = checkProject(run, problems);
                snapshotsReadBack = readSnapshotsBack(run, problems);
            } catch (RuntimeException e) {
                problems.add("the exactly-once check could not read the store: " + Failures.describe(e));
            }
        }
        // Taken after the checks, so that the quality gate's evaluation is in the table too.
        Map<Operation, LatencyHistogram.Snapshot> latencies = new EnumMap<>(Operation.class);
        for (Operation operation : Operation.values()) {
            latencies.put(operation, run.stats().snapshot(operation));
        }
        return new DemoResult(run.runId(), settings, elapsed, latencies, taskIds.size(), completedInStore,
                exactlyOnce, counterValue, run.injectedFailureCount(), run.leaseLostCount(),
                run.casConflictCount(), projectCheck, run.snapshotTally(), snapshotsReadBack, problems);
    }

    /** The project must be complete and its quality gate must pass. */
    private String checkProject(RunState run, List<String> problems) throws InterruptedException {
        ProjectProgress progress = services.projects().progress(project.id());
        if (progress.total() != settings.tasks() || progress.completed() != settings.tasks()) {
            problems.add("project " + project.name() + " has " + progress.completed() + "/" + progress.total()
                    + " tasks completed, expected " + settings.tasks());
        }
        Checkpoint evaluated = run.timed(Operation.CHECKPOINT, () -> services.checkpoints().evaluate(qualityGate.id()));
        if (evaluated.status() != CheckpointStatus.PASSED) {
            problems.add("quality gate '" + evaluated.name() + "' is " + evaluated.status().dbValue() + ": "
                    + evaluated.lastResult());
        }
        return String.format(Locale.ROOT, "project check: %s %d/%d tasks (%.1f%%), quality gate '%s' %s",
                project.name(), progress.completed(), progress.total(), progress.percentComplete(), evaluated.name(),
                evaluated.status().dbValue());
    }

    /**
     * Reads every snapshot of the run back, its content from the blob store when it went there (the
     * store checks the content against its hash as it reads); returns how many came back with the hash
     * they were stored with.
     */
    private int readSnapshotsBack(RunState run, List<String> problems) {
        int intact = 0;
        for (Map.Entry<String, String> taken : run.snapshotHashes().entrySet()) {
            try {
                String hash = services.snapshots().get(taken.getKey()).contentHash();
                if (hash.equals(taken.getValue())) {
                    intact++;
                } else {
                    problems.add("snapshot " + taken.getKey() + " reads back with content hash " + hash + ", stored as "
                            + taken.getValue());
                }
            } catch (HiveException e) {
                problems.add("snapshot " + taken.getKey() + " cannot be read back: " + Failures.describe(e));
            }
        }
        return intact;
    }

    /** Prints completed/total and the call rate of the last interval. */
    private final class ProgressLine implements Runnable {
        private final RunState run;
        private final long startNanos;
        private long lastCalls;
        private long lastNanos;

        ProgressLine(RunState run, long startNanos) {
            this.run = run;
            this.startNanos = startNanos;
            this.lastNanos = startNanos;
        }

        @Override
        public void run() {
            long now = System.nanoTime();
            long calls = run.stats().totalCalls();
            double seconds = (now - lastNanos) / 1e9;
            long rate = seconds > 0 ? Math.round((calls - lastCalls) / seconds) : 0;
            lastCalls = calls;
            lastNanos = now;
            int completed = run.completed();
            String line = String.format("%6.1fs  completed %d/%d (%.1f%%)  %d ops/s",
                    (now - startNanos) / 1e9, completed, run.totalTasks(),
                    100.0 * completed / run.totalTasks(), rate);
            if (rewriteProgressLine) {
                progressOut.print("\r" + line + "   ");
            } else {
                progressOut.println(line);
            }
            progressOut.flush();
        }
    }
}
