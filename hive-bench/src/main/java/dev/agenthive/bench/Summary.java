package dev.agenthive.bench;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.ToDoubleFunction;

/**
 * One contender's figures in one workload and store over all runs: medians of throughput and
 * latency percentiles, errors summed, and whether the runs disagree widely.
 *
 * @param wideSpread the fastest run's throughput was more than {@link #WIDE_SPREAD} times the slowest's
 */
record Summary(String contender, int runs, double throughput, double p50Micros, double p99Micros, long errors,
               boolean wideSpread, String note) {
    static final double WIDE_SPREAD = 1.3;

    static Summary of(List<Measurement> runs) {
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("no runs");
        }
        double max = runs.stream().mapToDouble(Measurement::throughput).max().orElse(0);
        double min = runs.stream().mapToDouble(Measurement::throughput).min().orElse(0);
        boolean wide = runs.size() > 1 && (min <= 0 ? max > 0 : max / min > WIDE_SPREAD);
        Set<String> notes = new LinkedHashSet<>();
        runs.stream().map(Measurement::note).filter(note -> note != null && !note.isBlank()).forEach(notes::add);
        return new Summary(runs.get(0).contender(), runs.size(), median(runs, Measurement::throughput),
                median(runs, Measurement::p50Micros), median(runs, Measurement::p99Micros),
                runs.stream().mapToLong(Measurement::errors).sum(), wide, String.join("; ", notes));
    }

    /** The median (the mean of the middle two for an even count), ignoring NaN; NaN when all are. */
    private static double median(List<Measurement> runs, ToDoubleFunction<Measurement> value) {
        double[] values = runs.stream().mapToDouble(value).filter(v -> !Double.isNaN(v)).sorted().toArray();
        if (values.length == 0) {
            return Double.NaN;
        }
        int middle = values.length / 2;
        return values.length % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
    }
}
