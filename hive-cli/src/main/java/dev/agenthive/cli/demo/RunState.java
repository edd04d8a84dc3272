package dev.agenthive.cli.demo;

import dev.agenthive.api.snapshot.MemorySnapshot;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the orchestrator and the agent threads of one run share: identity of the run, the
 * measurements, the per-task count of successful completions and the first failure.
 */
final class RunState {
    /** Key of the compare-and-set counter of completed tasks in the run's namespace. */
    static final String COUNTER_KEY = "completed";

    private final String runId;
    private final List<String> agentIds;
    private final int totalTasks;
    private final OperationStats stats = new OperationStats();
    private final Map<String, AtomicInteger> completions = new ConcurrentHashMap<>();
    private final Set<String> failOnce = ConcurrentHashMap.newKeySet();
    private final AtomicInteger completed = new AtomicInteger();
    private final AtomicReference<String> failure = new AtomicReference<>();
    private final CountDownLatch finished = new CountDownLatch(1);
    private final LongAdder leaseLost = new LongAdder();
    private final LongAdder casConflicts = new LongAdder();
    private final LongAdder injectedFailures = new LongAdder();
    private final Map<String, String> snapshotHashes = new ConcurrentHashMap<>();
    private final LongAdder snapshotBytes = new LongAdder();
    private final LongAdder blobSnapshots = new LongAdder();
    private final LongAdder blobBytes = new LongAdder();
    private volatile boolean stopped;

    RunState(String runId, List<String> agentIds, int totalTasks) {
        this.runId = runId;
        this.agentIds = List.copyOf(agentIds);
        this.totalTasks = totalTasks;
    }

    /** A platform call whose latency is measured. */
    @FunctionalInterface
    interface Call<T> {
        T call() throws InterruptedException;
    }

    /** Runs the call and records its latency under {@code operation}, whether it succeeds or throws. */
    <T> T timed(Operation operation, Call<T> call) throws InterruptedException {
        long start = System.nanoTime();
        try {
            return call.call();
        } finally {
            stats.record(operation, System.nanoTime() - start);
        }
    }

    String runId() {
        return runId;
    }

    /**
     * The metric every completion of this run records (how long the complete call took); named per
     * run so that the quality gate counts this run's samples only.
     */
    String metricName() {
        return "demo." + runId + ".complete-latency";
    }

    /** The capability every task of this run requires and only this run's agents have. */
    String capability() {
        return "demo:" + runId;
    }

    /** Shared-memory namespace of this run. */
    String namespace() {
        return "demo:" + runId;
    }

    List<String> agentIds() {
        return agentIds;
    }

    int totalTasks() {
        return totalTasks;
    }

    OperationStats stats() {
        return stats;
    }

    /** Marks a task to fail retryably on its first processing. */
    void injectFailure(String taskId) {
        failOnce.add(taskId);
    }

    /** Whether this processing of the task must fail; true at most once per marked task. */
    boolean takeInjectedFailure(String taskId) {
        boolean take = failOnce.remove(taskId);
        if (take) {
            injectedFailures.increment();
        }
        return take;
    }

    /** Counts a successful {@code complete()} call; the last one of the run releases the orchestrator. */
    void completedBy(String taskId) {
        completions.computeIfAbsent(taskId, id -> new AtomicInteger()).incrementAndGet();
        if (completed.incrementAndGet() >= totalTasks) {
            finished.countDown();
        }
    }

    /** Successful {@code complete()} calls for the task so far. */
    int completionsOf(String taskId) {
        AtomicInteger count = completions.get(taskId);
        return count == null ? 0 : count.get();
    }

    int completed() {
        return completed.get();
    }

    void leaseLost() {
        leaseLost.increment();
    }

    void casConflict() {
        casConflicts.increment();
    }

    long leaseLostCount() {
        return leaseLost.sum();
    }

    long casConflictCount() {
        return casConflicts.sum();
    }

    long injectedFailureCount() {
        return injectedFailures.sum();
    }

    /** Counts a memory snapshot an agent stored, and what its content takes in the blob store if it went there. */
    void snapshotTaken(MemorySnapshot snapshot) {
        snapshotHashes.put(snapshot.id(), snapshot.contentHash());
        snapshotBytes.add(snapshot.sizeBytes());
        if (snapshot.compressedSize() != null) {
            blobSnapshots.increment();
            blobBytes.add(snapshot.compressedSize());
        }
    }

    /** The content hash of every snapshot taken, by snapshot id. */
    Map<String, String> snapshotHashes() {
        return Map.copyOf(snapshotHashes);
    }

    /** Memory snapshots taken, their content bytes, how many went to the blob store and the bytes they take there. */
    SnapshotTally snapshotTally() {
        return new SnapshotTally(snapshotHashes.size(), snapshotBytes.sum(), blobSnapshots.sum(), blobBytes.sum());
    }

    /** Records the run's first failure and stops every agent; later failures are consequences. */
    void fail(String reason) {
        failure.compareAndSet(null, reason);
        stop();
        finished.countDown();
    }

    String failure() {
        return failure.get();
    }

    void stop() {
        stopped = true;
    }

    boolean stopped() {
        return stopped;
    }

    /** Waits until every task was completed or the run failed. @return false on timeout */
    boolean awaitFinished(long timeoutNanos) throws InterruptedException {
        return finished.await(Math.max(0, timeoutNanos), TimeUnit.NANOSECONDS);
    }
}
