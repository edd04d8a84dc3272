package dev.agenthive.it.process;

import dev.agenthive.api.agent.AgentRegistration;
import dev.agenthive.api.json.Json;
import dev.agenthive.api.task.NewTask;
import dev.agenthive.api.task.Task;
import dev.agenthive.api.task.TaskStatus;
import dev.agenthive.core.Hive;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Child process of {@link MultiProcessQueueTest} and {@link PostgresThreadsAndProcessesClaimTest}: two agent threads that enqueue their share of
 * tasks while claiming and completing whatever is claimable, until every task of every process is
 * completed. Each successful completion is written to the output file as {@code taskId agentId}.
 */
public final class QueueWorkerMain {
    private static final long HEARTBEAT_EVERY_NANOS = Duration.ofSeconds(5).toNanos();

    private QueueWorkerMain() {
    }

    public static void main(String[] args) throws Exception {
        String url = args[0];
        String worker = args[1];
        int toEnqueue = Integer.parseInt(args[2]);
        long total = Long.parseLong(args[3]);
        Path out = Path.of(args[4]);
        long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
        AtomicInteger enqueued = new AtomicInteger();
        try (Hive hive = TestHives.open(url);
             BufferedWriter writer = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            Thread[] agents = new Thread[2];
            Throwable[] failure = new Throwable[1];
            for (int a = 0; a < agents.length; a++) {
                String agentId = worker + "-agent-" + a;
                agents[a] = new Thread(() -> {
                    try {
                        run(hive, agentId, worker, enqueued, toEnqueue, total, deadline, writer);
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

    private static void run(Hive hive, String agentId, String worker, AtomicInteger enqueued, int toEnqueue,
                            long total, long deadline, BufferedWriter writer) throws InterruptedException, IOException {
        hive.agents().register(AgentRegistration.of(agentId, "worker", Set.of("mp")));
        long lastHeartbeat = System.nanoTime();
        while (true) {
            if (System.nanoTime() > deadline) {
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
                hive.tasks().enqueue(NewTask.builder("mp " + worker + " " + n)
                        .requiredCapabilities(Set.of("mp"))
                        .idempotencyKey(worker + "-" + n)
                        .payload(Json.of("{\"n\":" + n + "}"))
                        .build());
            }
            List<Task> claimed = hive.tasks().claim(agentId, 5, Duration.ofMillis(100));
            for (Task task : claimed) {
                hive.tasks().complete(task.id(), task.leaseToken(), Json.of("{\"by\":\"" + agentId + "\"}"));
                synchronized (writer) {
                    writer.write(task.id() + " " + agentId + "\n");
                    writer.flush();
                }
            }
            if (claimed.isEmpty() && hive.tasks().countByStatus().get(TaskStatus.COMPLETED) >= total) {
                return;
            }
        }
    }
}
