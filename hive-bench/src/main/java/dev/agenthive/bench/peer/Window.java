package dev.agenthive.bench.peer;

import dev.agenthive.bench.QueueSpec;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The measured part of a peer's run: how many jobs completed and over how many seconds of the
 * monotonic clock.
 */
record Window(long operations, double seconds) {

    /**
     * Waits for the peer's first completed job, lets {@code spec.warmup()} pass, then counts the
     * ledger's completions over {@code spec.measure()}. Timing starts at the first completion so
     * that a peer's start-up (schema checks, server announcement, its first poll) is neither
     * warmup nor measured time: the window sees the queue running, as the other contenders' do.
     */
    static Window observe(ExecutionLedger ledger, QueueSpec spec, Duration startTimeout)
            throws InterruptedException, TimeoutException {
        if (!ledger.awaitFirstCompletion(startTimeout)) {
            throw new TimeoutException("no job completed within " + startTimeout + " of the start");
        }
        TimeUnit.NANOSECONDS.sleep(spec.warmup().toNanos());
        long before = ledger.completedCount();
        long start = System.nanoTime();
        TimeUnit.NANOSECONDS.sleep(spec.measure().toNanos());
        long after = ledger.completedCount();
        long end = System.nanoTime();
        return new Window(after - before, (end - start) / 1e9);
    }

    double throughput() {
        return seconds > 0 ? operations / seconds : 0;
    }
}
