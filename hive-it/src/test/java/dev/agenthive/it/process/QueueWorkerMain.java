package dev.agenthive.it.process;

import dev.agenthive.api.agent.AgentRegistration;
import dev.agenthive.api.json.Json;
import dev.agenthive.api.task.NewTask;
import dev.agenthive.api.task.Task;
import dev.agenthive.api.task.TaskStatus;
import dev.agenthive.core.Hive;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Child process of {@link MultiProcessQueueTest} and {@link PostgresThreadsAndProcessesClaimTest}:
 * two agent threads that enqueue their share of tasks while claiming and completing whatever is
 * claimable, until every task of every process is completed. Each successful completion is written
 * to the output file as {@code taskId agentId}. The agents' loop, {@link #work}, also serves the
 * threads of a test JVM.
 */
public final class QueueWorkerMain {
    /** The capability every queue-worker task requires and every agent has. */
    static final String CAPABILITY = "mp";
    private static final long HEARTBEAT_EVERY_NANOS = Duration.ofSeconds(5).toNanos();

    private QueueWorkerMain() {
    }

    public static void main(String[] args) throws Exception {
        String url = args[0];
        String worker = args[1];
        int toEnqueue = Integer.parseInt(args[2]);
        long total = Long.parseLong(args[3]);
        Path out = Path.of(args[4]);
        long deadline = System.nanoTime() + Duration.ofSeconds(420).toNanos();
        AtomicInteger enqueued = new AtomicInteger();
        try (Hive hive = TestHives.open(url);
             BufferedWriter writer = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            AllCompleted done = new AllCompleted(hive, total);
            Thread[] agents = new Thread[2];
            Throwable[] failure = new Throwable[1];
            for (int a = 0; a < agents.length; a++) {
                String agentId = worker + "-agent-" + a;
                Consumer<Task> record = task -> {
                    synchronized (writer) {
                        try {
                            writer.write(task.id() + " " + agentId + "\n");
                            writer.flush();
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    }
                };
                agents[a] = new Thread(() -> {
                    try {
                        work(hive, agentId, worker + "-", enqueued, toEnqueue, deadline, done, record);
                    } catch (Throwable e) {
                        synchronized (failure) {
                            failure[0] = e;
                        }
                    }
                }, agentId);
                agents[a].start();
            }
            for (Thread agent : agents) {
                agent.join();
            }
            if (failure[0] != null) {
                failure[0].printStackTrace();
                System.exit(1);
            }
        }
        System.out.println("DONE");
    }

    /**
     * One agent's loop: registers, then round after round heartbeats when due, enqueues up to five
     * of the shared {@code toEnqueue} tasks (idempotency key {@code keyPrefix + n}), claims up to five
     * tasks (waiting up to 100 ms) and completes them, until nothing is claimable and {@code done}
     * says every task of the run is completed.
     *
     * @param enqueued  the counter of tasks enqueued so far, shared by the agents that split them
     * @param completed told of every task this agent completed
     */
    static void work(Hive hive, String agentId, String keyPrefix, AtomicInteger enqueued, int toEnqueue,
                     long deadlineNanos, AllCompleted done, Consumer<Task> completed) throws InterruptedException {
        hive.agents().register(AgentRegistration.of(agentId, "worker", Set.of(CAPABILITY)));
        long lastHeartbeat = System.nanoTime();
        while (true) {
            if (System.nanoTime() > deadlineNanos) {
                throw new IllegalStateException("deadline passed before every task completed");
            }
            // A live agent heartbeats; without it, a long run would see it marked crashed by maintenance.
            if (System.nanoTime() - lastHeartbeat > HEARTBEAT_EVERY_NANOS) {
                hive.agents().heartbeat(agentId);
                lastHeartbeat = System.nanoTime();
            }
            for (int i = 0; i < 5; i++) {
                int n = enqueued.getAndIncrement();
                if (n >= toEnqueue) {
                    break;
                }
                hive.tasks().enqueue(NewTask.builder("task " + keyPrefix + n)
                        .priority(n % 7)
                        .requiredCapabilities(Set.of(CAPABILITY))
                        .idempotencyKey(keyPrefix + n)
                        .payload(Json.of("{\"n\":" + n + "}"))
                        .build());
            }
            List<Task> claimed = hive.tasks().claim(agentId, 5, Duration.ofMillis(100));
            for (Task task : claimed) {
                hive.tasks().complete(task.id(), task.leaseToken(), Json.of("{\"by\":\"" + agentId + "\"}"));
                completed.accept(task);
            }
            if (claimed.isEmpty() && done.allCompleted()) {
                return;
            }
        }
    }

    /**
     * Whether every task of the run is completed, counted in the store at most every 250 ms for all
     * agents of a JVM together, so that idle agents do not keep scanning the task table.
     */
    static final class AllCompleted {
        private static final long EVERY_NANOS = Duration.ofMillis(250).toNanos();

        private final Hive hive;
        private final long total;
        private long checkedAt = System.nanoTime() - EVERY_NANOS;
        private boolean done;

        AllCompleted(Hive hive, long total) {
            this.hive = hive;
            this.total = total;
        }

        synchronized boolean allCompleted() {
            if (!done && System.nanoTime() - checkedAt >= EVERY_NANOS) {
                done = hive.tasks().countByStatus().get(TaskStatus.COMPLETED) >= total;
                checkedAt = System.nanoTime();
            }
            return done;
        }
    }
}
