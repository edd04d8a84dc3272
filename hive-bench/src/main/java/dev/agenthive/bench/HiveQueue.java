package dev.agenthive.bench;

import dev.agenthive.api.agent.AgentRegistration;
import dev.agenthive.api.json.Json;
import dev.agenthive.api.task.NewTask;
import dev.agenthive.api.task.Task;
import dev.agenthive.api.task.TaskStatus;
import dev.agenthive.core.Hive;

import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * The queue workload through Agent Hive's public API: each worker is a registered agent that claims
 * without waiting and completes what it claimed. On PostgreSQL the pool has as many connections as
 * the floor's.
 */
final class HiveQueue implements QueueContender {
    private static final Json RESULT = Json.of("{\"ok\":true}");

    @Override
    public String name() {
        return "hive";
    }

    @Override
    public Measurement run(BenchTarget target, QueueSpec spec) throws Exception {
        ErrorLog errors = new ErrorLog(name() + " queue", System.err);
        try (Hive hive = Hives.open(target, spec.workers() + 1)) {
            Parallel.forEach(8, spec.backlog(), i -> hive.tasks().enqueue(NewTask.builder("task " + i).build()));
            // Registered after the backlog is filled: filling it can outlast the heartbeat timeout, after
            // which maintenance would mark agents registered earlier as crashed.
            for (int w = 0; w < spec.workers(); w++) {
                hive.agents().register(AgentRegistration.of(agent(w), "bench", Set.of()));
            }
            return QueueRun.run(name(), spec, n -> new QueueRun.Worker() {
                private final String agent = agent(n);

                @Override
                public List<ClaimedTask> claim(int max) throws InterruptedException {
                    return hive.tasks().claim(agent, max, Duration.ZERO).stream()
                            .map(task -> new ClaimedTask(task.id(), task.leaseToken()))
                            .toList();
                }

                @Override
                public void complete(ClaimedTask task) {
                    Task done = hive.tasks().complete(task.id(), task.leaseToken(), RESULT);
                    if (done.status() != TaskStatus.COMPLETED) {
                        throw new IllegalStateException("task " + task.id() + " is " + done.status() + " after complete");
                    }
                }
            }, () -> hive.tasks().countByStatus().getOrDefault(TaskStatus.COMPLETED, 0L), errors);
        }
    }

    static String agent(int worker) {
        return "worker-" + worker;
    }
}
