package dev.agenthive.api.observe;

import dev.agenthive.api.Checks;
import dev.agenthive.api.error.InvalidInputException;

import java.util.Map;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;

/**
 * One figure a store keeps about itself (commits, pool usage, retries), read when a metrics
 * registry is scraped: the store only keeps plain counters, so an instrument costs nothing while
 * nobody reads it. The core registers each one as a Micrometer {@code FunctionCounter},
 * {@code Gauge} or {@code FunctionTimer} and adds the tag {@code store=<provider name>}.
 *
 * @param name        dotted lower case, e.g. {@code hive.store.commits}
 * @param description one line saying what is counted
 * @param kind        how the value is read
 * @param tags        further tags; keys dotted lower case
 * @param value       a counter's count (never decreasing), a gauge's current value, or a timer's count
 * @param totalNanos  a timer's total time in nanoseconds; {@code null} for counters and gauges
 */
public record Instrument(String name, String description, Kind kind, Map<String, String> tags, DoubleSupplier value,
                         LongSupplier totalNanos) {
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9]*(\\.[a-z][a-z0-9]*)*");

    /** How an instrument's value is read. */
    public enum Kind {
        /** A count since the store opened that only grows. */
        COUNTER,
        /** A value that goes up and down, read as it is now. */
        GAUGE,
        /** A count of events and their total time. */
        TIMER
    }

    public Instrument {
        requireName(name, "instrument.name");
        Checks.notBlank(description, "instrument.description");
        Checks.notNull(kind, "instrument.kind");
        tags = Map.copyOf(Checks.notNull(tags, "instrument.tags"));
        tags.keySet().forEach(key -> requireName(key, "instrument.tags"));
        Checks.notNull(value, "instrument.value");
        if ((kind == Kind.TIMER) != (totalNanos != null)) {
            throw new InvalidInputException("instrument.totalNanos",
                    "must be given for a timer and only for a timer (" + name + " is a " + kind + ")");
        }
    }

    /** A count that only grows. */
    public static Instrument counter(String name, String description, Map<String, String> tags, LongSupplier count) {
        Checks.notNull(count, "instrument.value");
        return new Instrument(name, description, Kind.COUNTER, tags, count::getAsLong, null);
    }

    /** A value read as it is now. */
    public static Instrument gauge(String name, String description, Map<String, String> tags, DoubleSupplier value) {
        return new Instrument(name, description, Kind.GAUGE, tags, value, null);
    }

    /** A count of events with their total time in nanoseconds. */
    public static Instrument timer(String name, String description, Map<String, String> tags, LongSupplier count,
                                   LongSupplier totalNanos) {
        Checks.notNull(count, "instrument.value");
        return new Instrument(name, description, Kind.TIMER, tags, count::getAsLong,
                Checks.notNull(totalNanos, "instrument.totalNanos"));
    }

    private static void requireName(String name, String field) {
        Checks.notNull(name, field);
        if (!NAME.matcher(name).matches()) {
            throw new InvalidInputException(field, "must be dotted lower case like hive.store.commits, was '" + name + "'");
        }
    }
}
