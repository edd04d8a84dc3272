package dev.agenthive.tck;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock that runs with the system clock and that a test can move ahead, so that a lease, TTL or
 * delay passes at once instead of after a real sleep. It keeps running between moves, so
 * timestamps taken one after the other still grow as they would in production. Thread-safe: every
 * view made with {@link #withZone} moves with it.
 *
 * <p>Why it runs instead of standing still: a store stamps rows with its clock, and contracts written
 * for a real clock expect two writes in sequence to get increasing (or at least equal) timestamps,
 * and an instant taken by the test before a call to be no later than what the store stamps.
 */
public final class MutableClock extends Clock {
    private final Clock base;
    private final AtomicReference<Duration> offset;

    /** A UTC clock at the system's time. */
    public MutableClock() {
        this(Clock.systemUTC(), new AtomicReference<>(Duration.ZERO));
    }

    private MutableClock(Clock base, AtomicReference<Duration> offset) {
        this.base = base;
        this.offset = offset;
    }

    /** Moves the clock ahead by {@code duration}; it never moves back. */
    public void advance(Duration duration) {
        Objects.requireNonNull(duration, "duration is null");
        if (duration.isNegative()) {
            throw new IllegalArgumentException("a mutable clock only moves ahead: " + duration);
        }
        offset.updateAndGet(current -> current.plus(duration));
    }

    /** How far the clock has been moved ahead of the system clock in total. */
    public Duration advanced() {
        return offset.get();
    }

    @Override
    public Instant instant() {
        return base.instant().plus(offset.get());
    }

    @Override
    public ZoneId getZone() {
        return base.getZone();
    }

    /** A view in another zone that moves with this clock. */
    @Override
    public Clock withZone(ZoneId zone) {
        return new MutableClock(Clock.system(Objects.requireNonNull(zone, "zone is null")), offset);
    }

    @Override
    public String toString() {
        return "MutableClock[" + base.getZone() + ", advanced " + offset.get() + "]";
    }
}
