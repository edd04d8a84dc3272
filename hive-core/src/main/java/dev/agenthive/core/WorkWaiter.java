package dev.agenthive.core;

import dev.agenthive.api.Checks;
import dev.agenthive.api.notify.Notifier;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Waits for work without busy polling: reads the topic's sequence, asks the store, and when there
 * is nothing yet sleeps until the topic is signalled or the recheck interval passes. A signal from
 * this process wakes the waiter at once; work written by another process, which cannot signal
 * here, is found within one recheck interval.
 */
final class WorkWaiter {
    private final Notifier notifier;
    private final Duration recheckInterval;

    /**
     * @param notifier        where signals arrive
     * @param recheckInterval longest sleep between two looks at the store
     */
    WorkWaiter(Notifier notifier, Duration recheckInterval) {
        this.notifier = Objects.requireNonNull(notifier, "notifier is null");
        this.recheckInterval = Checks.positive(recheckInterval, "hive.wait.recheck-interval");
    }

    /**
     * Calls {@code attempt} until it returns something or {@code wait} has passed, trying a last
     * time at the deadline; with a zero wait it is called exactly once.
     *
     * @throws InterruptedException when the waiting thread is interrupted
     */
    <T> List<T> await(String topic, Duration wait, Supplier<List<T>> attempt) throws InterruptedException {
        return await(topic, wait, attempt, (slept, found) -> { });
    }

    /**
     * Like {@link #await(String, Duration, Supplier)}, and tells {@code waited} how long the call slept
     * for a signal in all (the attempts' own time left out) and whether it found something, once it
     * returns.
     */
    <T> List<T> await(String topic, Duration wait, Supplier<List<T>> attempt, Waited waited)
            throws InterruptedException {
        long deadline = System.nanoTime() + saturatedNanos(wait);
        long sleeping = 0;
        while (true) {
            long seen = notifier.sequence(topic);
            List<T> found = attempt.get();
            long now = System.nanoTime();
            long remaining = deadline - now;
            if (!found.isEmpty() || remaining <= 0) {
                waited.waited(sleeping, !found.isEmpty());
                return found;
            }
            notifier.await(topic, seen, Duration.ofNanos(Math.min(remaining, recheckInterval.toNanos())));
            sleeping += System.nanoTime() - now;
            if (Thread.interrupted()) {
                throw new InterruptedException("interrupted while waiting for " + topic);
            }
        }
    }

    /** Hears how a wait went. */
    @FunctionalInterface
    interface Waited {
        /**
         * @param sleptNanos how long the call slept for a signal
         * @param found      whether it returns something
         */
        void waited(long sleptNanos, boolean found);
    }

    private static long saturatedNanos(Duration wait) {
        try {
            return Math.max(0, wait.toNanos());
        } catch (ArithmeticException e) {
            // Far beyond any real wait; half the range keeps the deadline arithmetic from overflowing.
            return Long.MAX_VALUE / 2;
        }
    }
}
