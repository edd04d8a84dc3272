package dev.agenthive.tck.cache;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock that stands still until a test moves it, so that a cache whose entry ages follow
 * {@link dev.agenthive.api.spi.CacheSettings#clock()} can be aged without sleeping. Thread-safe.
 */
public final class SettableClock extends Clock {
    private final AtomicReference<Instant> now;
    private final ZoneId zone;

    /** A UTC clock standing at {@code start}. */
    public SettableClock(Instant start) {
        this(new AtomicReference<>(Objects.requireNonNull(start, "start is null")), ZoneOffset.UTC);
    }

    private SettableClock(AtomicReference<Instant> now, ZoneId zone) {
        this.now = now;
        this.zone = zone;
    }

    /** Moves the clock forward by {@code duration}. */
    public void advance(Duration duration) {
        Objects.requireNonNull(duration, "duration is null");
        if (duration.isNegative()) {
            throw new IllegalArgumentException("a settable clock only moves forward: " + duration);
        }
        now.updateAndGet(instant -> instant.plus(duration));
    }

    @Override
    public Instant instant() {
        return now.get();
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    /** A view in another zone that moves with this clock. */
    @Override
    public Clock withZone(ZoneId zone) {
        return new SettableClock(now, Objects.requireNonNull(zone, "zone is null"));
    }
}
