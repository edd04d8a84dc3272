package dev.agenthive.bench;

import java.util.Arrays;

/** p50 and p99 of a set of latencies, in microseconds; NaN when there was no sample. */
record Percentiles(double p50Micros, double p99Micros) {
    static final Percentiles NONE = new Percentiles(Double.NaN, Double.NaN);

    /** Sorts {@code nanos} in place and reads the percentiles (nearest rank). */
    static Percentiles of(long[] nanos) {
        if (nanos.length == 0) {
            return NONE;
        }
        Arrays.sort(nanos);
        return new Percentiles(rank(nanos, 0.50) / 1_000.0, rank(nanos, 0.99) / 1_000.0);
    }

    private static long rank(long[] sorted, double quantile) {
        int index = (int) Math.ceil(quantile * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }
}
