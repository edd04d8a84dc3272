package dev.agenthive.bench;

import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The queue workload's loop, shared by Agent Hive and the floor so both are timed the same way: each
 * worker claims up to {@code claimBatch} tasks (the timed call) and completes each. Every completed
 * id goes into one set: a second completion of an id is an error. Afterwards the store's count of
 * completed tasks must equal the set's size, and once the backlog is drained every task must have
 * been completed exactly once.
 */
final class QueueRun {
    /** One worker's access to the queue. */
    interface Worker {
        List<ClaimedTask> claim(int max) throws Exception;

        void complete(ClaimedTask task) throws Exception;
    }

    /** Makes worker {@code n}'s access; called on its thread. */
    @FunctionalInterface
    interface Workers {
        Worker create(int n) throws Exception;
    }

    private QueueRun() {
    }

    static Measurement run(String contender, QueueSpec spec, Workers workers, Callable<Long> storeCompleted,
                           ErrorLog errors) throws Exception {
        Set<String> completed = ConcurrentHashMap.newKeySet();
        TimedLoop.Result result = TimedLoop.run(contender, spec.workers(), spec.warmup(), spec.measure(), n -> {
            Worker worker = workers.create(n);
            return latency -> {
                long start = System.nanoTime();
                List<ClaimedTask> claimed = worker.claim(spec.claimBatch());
                latency.since(start);
                for (ClaimedTask task : claimed) {
                    worker.complete(task);
                    if (!completed.add(task.id())) {
                        errors.record("task " + task.id() + " completed twice");
                    }
                }
                return claimed.size();
            };
        }, () -> completed.size() >= spec.backlog(), errors);
        long inStore = storeCompleted.call();
        if (inStore != completed.size()) {
            errors.record("the store counts " + inStore + " completed tasks, the workers completed " + completed.size());
        }
        boolean drained = completed.size() >= spec.backlog();
        if (drained && inStore != spec.backlog()) {
            errors.record("backlog of " + spec.backlog() + " drained but " + inStore + " tasks are completed");
        }
        String note = !drained ? "" : "drained all " + spec.backlog() + " tasks"
                + (errors.count() == 0 ? ", each completed once" : "");
        return new Measurement(contender, result.units(), result.seconds(), result.throughput(),
                result.latency().p50Micros(), result.latency().p99Micros(), errors.count(), note);
    }
}
