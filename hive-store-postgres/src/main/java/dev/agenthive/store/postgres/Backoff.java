package dev.agenthive.store.postgres;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;

/** Jittered, growing pauses between runs of a transaction that lost a serialization race. */
final class Backoff {
    private static final long MAX_PAUSE_MILLIS = 200;

    private Backoff() {
    }

    /**
     * Sleeps a random time up to {@code 2^(attempt+1)} milliseconds (at most 200), so transactions
     * that collided do not collide again in lock step.
     */
    static void pause(int attempt) {
        long ceiling = Math.min(MAX_PAUSE_MILLIS, 1L << Math.min(attempt + 1, 20));
        long millis = 1 + ThreadLocalRandom.current().nextLong(ceiling);
        LockSupport.parkNanos(millis * 1_000_000L);
    }
}
