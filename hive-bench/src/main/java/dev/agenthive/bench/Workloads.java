package dev.agenthive.bench;

import java.time.Duration;
import java.util.List;

/** Every workload of the benchmark, in report order, sized for a full or a quick run. */
final class Workloads {
    private Workloads() {
    }

    static List<Workload> all(BenchSettings settings, RedisUrl redis) {
        return List.of(
                new QueueWorkload("queue-claim1", queue(settings, 16, 1), !settings.quick()),
                new QueueWorkload("queue-claim32", queue(settings, 4, 32), !settings.quick()),
                new MemoryPutWorkload(settings),
                new MemoryGetWorkload(settings),
                new SnapshotPutWorkload(settings, ContentPlacement.BLOB),
                new SnapshotPutWorkload(settings, ContentPlacement.INLINE),
                new SnapshotGetWorkload(settings, ContentPlacement.BLOB),
                new SnapshotGetWorkload(settings, ContentPlacement.INLINE),
                new EventsBatchWorkload(settings),
                new MessageLatencyWorkload(settings),
                new AgentStatusWorkload(settings, "none", redis),
                new AgentStatusWorkload(settings, "caffeine", redis),
                new AgentStatusWorkload(settings, "redis", redis),
                new DemoWorkload(settings),
                new ProcessesWorkload(settings));
    }

    /** Names of every workload, for the command line's help and checks. */
    static List<String> names() {
        return all(BenchSettings.quickRun(), new RedisUrl(null)).stream().map(Workload::name).toList();
    }

    /**
     * A full run's backlog is what Agent Hive can enqueue in reasonable time; a contender that drains it
     * early is measured over the shorter window and says so in its note. A quick run measures from the
     * start (a warm-up could drain the backlog alone) and stops when its small backlog is drained or
     * after a few seconds, whichever comes first: contenders that do not stop at a drained queue (a
     * peer) then cost no more than that bound.
     */
    private static QueueSpec queue(BenchSettings settings, int workers, int claimBatch) {
        if (settings.quick()) {
            return new QueueSpec(workers, claimBatch, 100, Duration.ZERO, Duration.ofSeconds(5));
        }
        return new QueueSpec(workers, claimBatch, 50_000, settings.warmup(), settings.measure());
    }
}
