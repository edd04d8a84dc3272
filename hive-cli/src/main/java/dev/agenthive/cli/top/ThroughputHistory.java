package dev.agenthive.cli.top;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.OptionalDouble;

/**
 * Tasks completed per second, from the change of the completed count between two refreshes, and
 * the rates of the last {@link #WINDOW} for the sparkline. Not thread-safe.
 */
final class ThroughputHistory {
    /** How much history the sparkline draws. */
    static final Duration WINDOW = Duration.ofMinutes(1);

    private record Sample(long nanos, double rate) {
    }

    private final Deque<Sample> samples = new ArrayDeque<>();
    private boolean counted;
    private long lastCount;
    private long lastNanos;

    /**
     * Records the completed count read at {@code nanos} (a {@link System#nanoTime()} reading).
     *
     * @return the completions per second since the previous count; empty for the first count. A
     *         count lower than the previous one (completed tasks were deleted) is a rate of zero.
     */
    OptionalDouble record(long completed, long nanos) {
        if (!counted) {
            counted = true;
            lastCount = completed;
            lastNanos = nanos;
            return OptionalDouble.empty();
        }
        long elapsed = nanos - lastNanos;
        double rate = elapsed <= 0 ? 0 : Math.max(0, completed - lastCount) * 1e9 / elapsed;
        lastCount = completed;
        lastNanos = nanos;
        samples.addLast(new Sample(nanos, rate));
        while (nanos - samples.peekFirst().nanos() >= WINDOW.toNanos()) {
            samples.removeFirst();
        }
        return OptionalDouble.of(rate);
    }

    /** The rates recorded in the last {@link #WINDOW}, oldest first. */
    List<Double> lastMinute() {
        List<Double> rates = new ArrayList<>(samples.size());
        samples.forEach(sample -> rates.add(sample.rate()));
        return rates;
    }
}
