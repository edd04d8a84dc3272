package dev.agenthive.store.sqlite;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The writer's timings and batch sizes as plain counters, read only when a metrics registry is
 * scraped ({@link SqliteHiveStore#instruments()}). Written by the leader of the moment, one at a time.
 *
 * <p>Batch sizes are kept as counts per power-of-two bucket rather than only their mean
 * ({@code operations / commits}): under load a writer that mostly commits one operation at a time
 * with rare large bursts has the same mean as one that steadily commits a few, and only the
 * distribution tells them apart. Eight buckets cover the whole range of {@code hive.sqlite.max-batch}.
 */
final class WriterMeters {
    /** The buckets' tag values: bucket {@code i} holds the sizes from {@code 2^i} to {@code 2^(i+1) - 1}; the last is open. */
    static final String[] SIZE_BUCKETS = {"1", "2-3", "4-7", "8-15", "16-31", "32-63", "64-127", "128+"};

    private final AtomicLongArray batchesBySize = new AtomicLongArray(SIZE_BUCKETS.length);
    private final AtomicLong lockWaits = new AtomicLong();
    private final AtomicLong lockWaitNanos = new AtomicLong();
    private final AtomicLong commitNanos = new AtomicLong();

    /** A try to take the database's write lock (the file lock and {@code BEGIN IMMEDIATE}) ended after {@code nanos}. */
    void lockWaited(long nanos) {
        lockWaits.incrementAndGet();
        lockWaitNanos.addAndGet(nanos);
    }

    /** A {@code COMMIT} took {@code nanos}. */
    void committed(long nanos) {
        commitNanos.addAndGet(nanos);
    }

    /** A batch of {@code operations} committed. */
    void batched(int operations) {
        batchesBySize.incrementAndGet(bucket(operations));
    }

    static int bucket(int operations) {
        return Math.min(SIZE_BUCKETS.length - 1, 31 - Integer.numberOfLeadingZeros(Math.max(1, operations)));
    }

    long batches(int bucket) {
        return batchesBySize.get(bucket);
    }

    long lockWaits() {
        return lockWaits.get();
    }

    long lockWaitNanos() {
        return lockWaitNanos.get();
    }

    long commitNanos() {
        return commitNanos.get();
    }
}
