package dev.agenthive.store.jdbc;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;

/**
 * Jittered, growing pauses between the tries of a {@link Retry}: a random time up to
 * {@code 2^(attempt+1)} milliseconds, at most {@value #MAX_PAUSE_MILLIS}. The jitter keeps writers
 * that collided from colliding again in lock step; the cap keeps a writer that lost several times
 * from sleeping through the moment the lock comes free.
 */
final class Backoff {
    static final long MAX_PAUSE_MILLIS = 100;

    private Backoff() {
    }

    /** The longest pause after the given failed try (0-based). */
    static long ceilingMillis(int attempt) {
        return Math.min(MAX_PAUSE_MILLIS, 1L << Math.min(attempt + 1, 20));
    }

    /** Sleeps a random time between 1 ms and {@link #ceilingMillis}. */
    static void pause(int attempt) {
        long millis = 1 + ThreadLocalRandom.current().nextLong(ceilingMillis(attempt));
        LockSupport.parkNanos(millis * 1_000_000L);
    }
}
