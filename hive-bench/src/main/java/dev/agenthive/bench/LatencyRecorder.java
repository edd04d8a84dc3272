package dev.agenthive.bench;

import java.util.Arrays;

/**
 * Latencies of one thread, in nanoseconds, kept while {@link Phase} says the measured window is open.
 * Not thread-safe: each worker thread owns one; {@link #merge} combines them once the threads ended.
 */
final class LatencyRecorder {
    private final Phase phase;
    private long[] samples = new long[1024];
    private int size;

    LatencyRecorder(Phase phase) {
        this.phase = phase;
    }

    /** Records the time since {@code startNanos} (a {@link System#nanoTime()}) if the window is open. */
    void since(long startNanos) {
        record(System.nanoTime() - startNanos);
    }

    void record(long nanos) {
        if (!phase.measuring()) {
            return;
        }
        if (size == samples.length) {
            samples = Arrays.copyOf(samples, size * 2);
        }
        samples[size++] = nanos;
    }

    /** The percentiles of every sample of every recorder. */
    static Percentiles merge(Iterable<LatencyRecorder> recorders) {
        int total = 0;
        for (LatencyRecorder recorder : recorders) {
            total += recorder.size;
        }
        long[] all = new long[total];
        int at = 0;
        for (LatencyRecorder recorder : recorders) {
            System.arraycopy(recorder.samples, 0, all, at, recorder.size);
            at += recorder.size;
        }
        return Percentiles.of(all);
    }
}
