package dev.agenthive.bench;

import dev.agenthive.api.agent.AgentRegistration;
import dev.agenthive.api.event.NewEvent;
import dev.agenthive.api.event.Severity;
import dev.agenthive.api.json.Json;
import dev.agenthive.api.message.Message;
import dev.agenthive.api.message.NewMessage;
import dev.agenthive.api.task.NewTask;
import dev.agenthive.api.task.Task;
import dev.agenthive.core.Hive;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Many agents at once, each on its own thread running a mixed loop through Agent Hive: enqueue, claim
 * and complete tasks, send and read messages, write and read shared memory, record events, heartbeat.
 * Reports operations per second, every error, and the heap's peak: {@link HeapPeak}.
 */
final class DemoWorkload implements Workload {
    private static final long HEARTBEAT_NANOS = TimeUnit.SECONDS.toNanos(5);
    private static final int KEYS = 1_000;
    private static final Json VALUE = Json.of(Payloads.document(256));
    private static final Json RESULT = Json.of("{\"ok\":true}");

    private final BenchSettings settings;
    private final int agents;
    private final Duration length;

    DemoWorkload(BenchSettings settings) {
        this.settings = settings;
        this.agents = settings.scale(200, 20);
        this.length = settings.quick() ? Duration.ofSeconds(5) : Duration.ofSeconds(60);
    }

    @Override
    public String name() {
        return "demo-200";
    }

    @Override
    public List<Measurement> run(BenchDatabase database) throws Exception {
        return List.of(Contended.run(database, "hive", target -> {
            try (Hive hive = Hives.open(target)) {
                return measure(hive);
            }
        }));
    }

    private Measurement measure(Hive hive) throws Exception {
        ErrorLog errors = new ErrorLog("hive " + name(), System.err);
        for (int a = 0; a < agents; a++) {
            hive.agents().register(AgentRegistration.of(agent(a), "demo", Set.of()));
        }
        Set<String> completed = ConcurrentHashMap.newKeySet();
        HeapPeak heap = HeapPeak.start();
        TimedLoop.Result result;
        try {
            result = TimedLoop.run("demo", agents, settings.quick() ? Duration.ZERO : settings.warmup(), length,
                    n -> step(hive, agent(n), completed, errors), () -> false, errors);
        } finally {
            heap.stop();
        }
        return new Measurement("hive", result.units(), result.seconds(), result.throughput(),
                result.latency().p50Micros(), result.latency().p99Micros(), errors.count(),
                "ops/s; " + agents + " agent threads for " + length.toSeconds() + " s; " + heap.describe()
                        + "; target 0 errors, heap <= 256 MB");
    }

    private TimedLoop.Step step(Hive hive, String agent, Set<String> completed, ErrorLog errors) {
        long[] lastHeartbeat = {System.nanoTime()};
        return latency -> {
            long start = System.nanoTime();
            int operations = 1;
            // Live agents heartbeat; a long run would otherwise see them marked crashed by maintenance.
            if (start - lastHeartbeat[0] > HEARTBEAT_NANOS) {
                hive.agents().heartbeat(agent);
                lastHeartbeat[0] = start;
            }
            ThreadLocalRandom random = ThreadLocalRandom.current();
            switch (random.nextInt(7)) {
                case 0 -> hive.tasks().enqueue(NewTask.builder("demo task").payload(Json.of("{\"by\":\"" + agent + "\"}")).build());
                case 1 -> {
                    for (Task task : hive.tasks().claim(agent, 1, Duration.ZERO)) {
                        hive.tasks().complete(task.id(), task.leaseToken(), RESULT);
                        operations++;
                        if (!completed.add(task.id())) {
                            errors.record("task " + task.id() + " completed twice");
                        }
                    }
                }
                case 2 -> hive.messages().send(NewMessage.direct(agent, agent(random.nextInt(agents)), "note",
                        Json.of("{\"text\":\"hello\"}")));
                case 3 -> {
                    for (Message message : hive.messages().inbox(agent, 10, Duration.ZERO)) {
                        hive.messages().ack(agent, message.id());
                        operations++;
                    }
                }
                case 4 -> hive.sharedMemory().put("demo", "key-" + random.nextInt(KEYS), VALUE);
                case 5 -> hive.sharedMemory().get("demo", "key-" + random.nextInt(KEYS));
                default -> hive.events().record(NewEvent.of("demo.step", Severity.INFO, agent, Json.of("{\"ok\":true}")));
            }
            latency.since(start);
            return operations;
        };
    }

    private static String agent(int n) {
        return "agent-" + n;
    }

    /**
     * The heap's peak during a run, two ways: the largest heap use sampled every 100 ms (what the
     * report calls peak heap), and the sum of the heap pools' own peaks since a reset after a GC at the
     * start, which is an upper bound since the pools need not peak at the same moment.
     */
    static final class HeapPeak {
        private final Thread sampler;
        private volatile boolean running = true;
        private volatile long sampledPeak;
        private long poolPeakSum;

        private HeapPeak() {
            this.sampler = new Thread(this::sample, "heap-sampler");
            this.sampler.setDaemon(true);
        }

        static HeapPeak start() {
            System.gc();
            for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                if (pool.getType() == MemoryType.HEAP) {
                    pool.resetPeakUsage();
                }
            }
            HeapPeak peak = new HeapPeak();
            peak.sampler.start();
            return peak;
        }

        private void sample() {
            while (running) {
                long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
                sampledPeak = Math.max(sampledPeak, used);
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        void stop() throws InterruptedException {
            running = false;
            sampler.join();
            for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                if (pool.getType() == MemoryType.HEAP) {
                    poolPeakSum += pool.getPeakUsage().getUsed();
                }
            }
        }

        String describe() {
            return "peak heap " + sampledPeak / (1024 * 1024) + " MB sampled every 100 ms (heap pools' peaks sum "
                    + poolPeakSum / (1024 * 1024) + " MB), max heap " + Runtime.getRuntime().maxMemory() / (1024 * 1024)
                    + " MB";
        }
    }
}
