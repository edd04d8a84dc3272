package dev.agenthive.store.postgres;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The database server's clock, read without a round trip: the store's base clock (the settings'
 * clock, the system clock in production) plus the offset from this machine's clock to the server's,
 * measured by {@link #calibrate} (at open, then periodically by the notifier's listener).
 *
 * <p>Why this design: the shared repositories take "now" from a {@link Clock} and pass it into their
 * SQL, so a clock that follows the server keeps every lease, heartbeat and expiry of every process
 * on one time line without touching a shared statement, and costs nothing per call. Reading
 * {@code clock_timestamp()} on each call instead would add a round trip (and a second pooled
 * connection inside a transaction) to every operation. The offset is known to within half a round
 * trip; an offset smaller than that cannot be told from zero and is taken as zero, so processes on
 * the database host (and tests against an embedded server) use their own clock exactly.
 *
 * <p>The offset is measured against the system clock, never against the base clock, so a test that
 * moves its base clock ahead (to pass a lease without sleeping) stays ahead after a recalibration:
 * the server's clock cannot be moved, the base clock can.
 */
final class ServerClock extends Clock {
    private final Clock base;
    private volatile long offsetNanos;

    /** A clock that follows {@code base} until {@link #calibrate} measures an offset to the server. */
    ServerClock(Clock base) {
        this.base = Objects.requireNonNull(base, "base is null");
    }

    /**
     * Measures the offset to the server's clock.
     *
     * @param serverNow reads the server's current time (one round trip)
     * @return the offset now in use (server minus local)
     */
    Duration calibrate(Supplier<Instant> serverNow) {
        Instant before = Instant.now();
        Instant server = serverNow.get();
        Instant after = Instant.now();
        long halfTrip = Duration.between(before, after).toNanos() / 2;
        Instant local = before.plusNanos(halfTrip);
        long offset = Duration.between(local, server).toNanos();
        offsetNanos = Math.abs(offset) <= halfTrip ? 0 : offset;
        return Duration.ofNanos(offsetNanos);
    }

    /** The offset in use: how far the server's clock is ahead of this JVM's. */
    Duration offset() {
        return Duration.ofNanos(offsetNanos);
    }

    @Override
    public Instant instant() {
        return base.instant().plusNanos(offsetNanos);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return Clock.offset(base.withZone(zone), offset());
    }
}
