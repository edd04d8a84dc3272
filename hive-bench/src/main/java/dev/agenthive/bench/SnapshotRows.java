package dev.agenthive.bench;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the snapshot rows share: their two contenders, each on a fresh database with the bytes on disk
 * in its note, and their measured loop.
 */
final class SnapshotRows {
    static final int THREADS = 4;
    private static final Duration QUICK_BOUND = Duration.ofSeconds(5);

    /** One contender's measurement, and how many documents it left stored. */
    record Stored(Measurement measurement, long documents) {
    }

    /** What a row measures with one contender, open on its database. */
    @FunctionalInterface
    interface Measure {
        Stored on(String contender, MemoryDocuments documents, SnapshotAccess access) throws Exception;
    }

    /** Operation {@code n} of the loop; records its own latency. */
    @FunctionalInterface
    interface Operation {
        void run(long n, LatencyRecorder latency) throws Exception;
    }

    private SnapshotRows() {
    }

    /**
     * Agent Hive, its content where {@code placement} says, then the floor, each measured on a fresh
     * database of {@code database} with the same documents; each note ends with the bytes on disk once
     * the contender has closed.
     */
    static List<Measurement> contenders(BenchDatabase database, ContentPlacement placement, Measure measure)
            throws Exception {
        MemoryDocuments documents = new MemoryDocuments();
        return List.of(contender(database, "hive", placement, documents, measure),
                contender(database, "floor", placement, documents, measure));
    }

    private static Measurement contender(BenchDatabase database, String contender, ContentPlacement placement,
                                         MemoryDocuments documents, Measure measure) throws Exception {
        return Contended.run(database, contender, target -> {
            Stored stored;
            try (SnapshotAccess access = SnapshotAccess.open(contender, target, placement, THREADS + 1)) {
                stored = measure.on(contender, documents, access);
            }
            return stored.measurement().withNote(StoredBytes.of(target).describe(stored.documents()));
        });
    }

    /**
     * Runs operations numbered 0, 1, 2, ... on {@value #THREADS} threads for the settings' warm-up and
     * window; a quick run measures from the start and stops after {@code quickOperations} (or
     * {@link #QUICK_BOUND}), so that it stays short with documents of 200 KiB.
     */
    static TimedLoop.Result loop(String contender, BenchSettings settings, long quickOperations, Operation operation,
                                 ErrorLog errors) throws InterruptedException {
        long quota = settings.quick() ? quickOperations : Long.MAX_VALUE;
        AtomicLong next = new AtomicLong();
        AtomicLong done = new AtomicLong();
        return TimedLoop.run(contender, THREADS, settings.quick() ? Duration.ZERO : settings.warmup(),
                settings.quick() ? QUICK_BOUND : settings.measure(), worker -> latency -> {
                    long n = next.getAndIncrement();
                    if (n >= quota) {
                        // Until the loop sees the quota is done, without spinning a core the others need.
                        Thread.sleep(1);
                        return 0;
                    }
                    try {
                        operation.run(n, latency);
                    } finally {
                        done.incrementAndGet();
                    }
                    return 1;
                }, () -> done.get() >= quota, errors);
    }
}
