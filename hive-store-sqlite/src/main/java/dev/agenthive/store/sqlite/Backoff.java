package dev.agenthive.store.sqlite;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;

/** Jittered, growing pauses between retries of a contended transaction. */
final class Backoff {
    private static final long MAX_PAUSE_MILLIS = 100;

    private Backoff() {
    }

    /**
     * Sleeps a random time up to {@code 2^attempt} milliseconds (at most 100), so processes that
     * collided do not collide again in lock step.
     */
    static void pause(int attempt) {
        long ceiling = Math.min(MAX_PAUSE_MILLIS, 1L << Math.min(attempt + 1, 20));
        long millis = 1 + ThreadLocalRandom.current().nextLong(ceiling);
        LockSupport.parkNanos(millis * 1_000_000L);
    }
}
