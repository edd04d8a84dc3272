package dev.agenthive.bench;

import java.time.Duration;

/**
 * How long and how large a benchmark run is: full (figures worth reporting) or quick (tiny scale,
 * correctness only).
 *
 * @param quick   tiny scale; queue workloads drain a small backlog completely
 * @param runs    runs per workload and store; the report shows medians
 * @param warmup  warm-up before each measured window
 * @param measure length of each measured window
 */
record BenchSettings(boolean quick, int runs, Duration warmup, Duration measure) {
    /** Three runs of 2 s warm-up and 5 s measurement. */
    static BenchSettings fullRun() {
        return new BenchSettings(false, 3, Duration.ofSeconds(2), Duration.ofSeconds(5));
    }

    /** One run of 0.3 s warm-up and 1 s measurement; queue workloads drain their backlog instead. */
    static BenchSettings quickRun() {
        return new BenchSettings(true, 1, Duration.ofMillis(300), Duration.ofSeconds(1));
    }

    /** The mode for the report's header. */
    String describe() {
        return quick
                ? "quick: tiny scale, correctness only; its figures are not benchmark results"
                : "full: " + runs + " run(s) per row, each " + warmup.toMillis() / 1000.0 + " s warm-up and "
                + measure.toMillis() / 1000.0 + " s measured; medians";
    }

    BenchSettings withRuns(int runs) {
        return new BenchSettings(quick, runs, warmup, measure);
    }

    /** {@code full} in a full run, {@code quick} in a quick one. */
    int scale(int full, int quick) {
        return this.quick ? quick : full;
    }
}
