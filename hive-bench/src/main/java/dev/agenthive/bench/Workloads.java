package dev.agenthive.bench;

import java.time.Duration;
import java.util.List;

/** Every workload of the benchmark, in report order, sized for a full or a quick run. */
final class Workloads {
    private Workloads() {
    }

    static List<Workload> all(BenchSettings settings) {
        return List.of(
                new QueueWorkload("queue-claim1", queue(settings, 16, 1)),
                new QueueWorkload("queue-claim32", queue(settings, 4, 32)),
                new MemoryPutWorkload(settings),
                new MemoryGetWorkload(settings),
                new EventsBatchWorkload(settings),
                new MessageLatencyWorkload(settings),
                new DemoWorkload(settings),
                new ProcessesWorkload(settings));
    }

    /** Names of every workload, for the command line's help and checks. */
    static List<String> names() {
        return all(BenchSettings.quickRun()).stream().map(Workload::name).toList();
    }

    /**
     * A full run's backlog is what Agent Hive can enqueue in reasonable time; a contender that drains it
     * early is measured over the shorter window and says so in its note;
     * a quick run drains a small backlog completely, within a generous bound, and measures all of it
     * (a warm-up could drain it alone).
     */
    private static QueueSpec queue(BenchSettings settings, int workers, int claimBatch) {
        if (settings.quick()) {
            return new QueueSpec(workers, claimBatch, 200, Duration.ZERO, Duration.ofSeconds(30));
        }
        return new QueueSpec(workers, claimBatch, 50_000, settings.warmup(), settings.measure());
    }
}
