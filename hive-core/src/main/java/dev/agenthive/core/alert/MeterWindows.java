package dev.agenthive.core.alert;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Reads the meters of {@code meter:<name>} rules from this process's registry. A gauge (and the
 * active tasks of a long task timer) is a level and read as it is; a counter, and the count of a timer
 * or distribution summary, only ever grows, so the rule sees how much it grew in its window: the
 * total now minus the total at the newest reading that is at least a window old (or the first reading,
 * taken when the hive opened, while the hive is younger than the window). Several meters of one name
 * (different tags) are summed. A name with no meter yet reads 0: meters are often registered at their
 * first use. Not thread-safe; the evaluator calls it from one round at a time.
 */
final class MeterWindows {
    private final MeterRegistry registry;
    /** Readings of each cumulative rule, oldest first, by rule name. */
    private final Map<String, Deque<Reading>> readings = new HashMap<>();

    MeterWindows(MeterRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry is null");
    }

    /** The value of the rule's meter now: a level, or the growth of a total over the window. */
    Value value(AlertRule rule, Instant now) {
        Total total = total(rule.source().name());
        if (!total.cumulative()) {
            return new Value(total.amount(), false);
        }
        Deque<Reading> history = readings.computeIfAbsent(rule.name(), name -> new ArrayDeque<>());
        if (!history.isEmpty() && total.amount() < history.peekLast().total()) {
            // The meter was removed and registered again: its totals start over.
            history.clear();
        }
        history.addLast(new Reading(now, total.amount()));
        Instant horizon = now.minus(rule.window());
        while (history.size() > 1 && !second(history).at().isAfter(horizon)) {
            history.removeFirst();
        }
        return new Value(total.amount() - history.peekFirst().total(), true);
    }

    /**
     * Takes a first reading of each meter rule, so that its first window starts when the hive opened: a
     * meter registered later (at its first use) started from 0 after that, which is what this reads now.
     */
    void start(Collection<AlertRule> rules, Instant now) {
        for (AlertRule rule : rules) {
            if (rule.source().kind() == AlertSource.Kind.METER) {
                readings.computeIfAbsent(rule.name(), name -> new ArrayDeque<>())
                        .addLast(new Reading(now, total(rule.source().name()).amount()));
            }
        }
    }

    private Total total(String meterName) {
        double sum = 0;
        boolean cumulative = false;
        for (Meter meter : registry.find(meterName).meters()) {
            Total one = meter.match(
                    gauge -> new Total(gauge.value(), false),
                    counter -> new Total(counter.count(), true),
                    timer -> new Total(timer.count(), true),
                    summary -> new Total(summary.count(), true),
                    longTask -> new Total(longTask.activeTasks(), false),
                    timeGauge -> new Total(timeGauge.value(TimeUnit.SECONDS), false),
                    functionCounter -> new Total(functionCounter.count(), true),
                    functionTimer -> new Total(functionTimer.count(), true),
                    other -> new Total(firstMeasurement(other), false));
            sum += one.amount();
            cumulative |= one.cumulative();
        }
        return new Total(sum, cumulative);
    }

    private static double firstMeasurement(Meter meter) {
        Iterator<io.micrometer.core.instrument.Measurement> measurements = meter.measure().iterator();
        return measurements.hasNext() ? measurements.next().getValue() : 0;
    }

    private static Reading second(Deque<Reading> history) {
        Iterator<Reading> iterator = history.iterator();
        iterator.next();
        return iterator.next();
    }

    /** A meter's value and whether it is a total that only grows. */
    private record Total(double amount, boolean cumulative) {
    }

    private record Reading(Instant at, double total) {
    }

    /**
     * What a rule compares with its thresholds.
     *
     * @param amount   the level, or the growth over the window
     * @param windowed whether it is a growth over the window
     */
    record Value(double amount, boolean windowed) {
    }
}
