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
    static BenchSettings fullRun(int runs) {
        return new BenchSettings(false, runs, Duration.ofSeconds(2), Duration.ofSeconds(5));
    }

    static BenchSettings quickRun() {
        return new BenchSettings(true, 1, Duration.ofMillis(300), Duration.ofSeconds(1));
    }

    /** {@code full} in a full run, {@code quick} in a quick one. */
    int scale(int full, int quick) {
        return this.quick ? quick : full;
    }
}
