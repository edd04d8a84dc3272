package dev.agenthive.store.jdbc;

import dev.agenthive.api.error.StorageUnavailableException;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import java.util.function.IntFunction;

/**
 * The one retry loop of every store: runs a try again, after a jittered pause, for as long as it
 * meets lock contention ({@link RetryableStorageException}: busy, locked, serialization failure,
 * deadlock) and the deadline has not passed. Any other failure ends the loop at once. A try must
 * leave nothing behind when it fails (its transaction rolled back), since it runs again from the start.
 */
public final class Retry {
    private final Duration timeout;
    private final LongAdder retries = new LongAdder();
    private final LongAdder serializationFailures = new LongAdder();

    /**
     * @param timeout how long after the first try the last one may start; zero means a single try
     */
    public Retry(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout is null");
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must not be negative, was " + timeout);
        }
        this.timeout = timeout;
    }

    /** How long contention is retried. */
    public Duration timeout() {
        return timeout;
    }

    /** Tries run again after contention, since this retry loop was made. */
    public long retries() {
        return retries.sum();
    }

    /**
     * Tries that failed with a serialization failure (SQLSTATE {@code 40001}), retried or not, since
     * this retry loop was made: the conflicts of serializable transactions, told apart from waits for
     * a lock.
     */
    public long serializationFailures() {
        return serializationFailures.sum();
    }

    /**
     * Runs {@code attempt} until it returns.
     *
     * @param attempt   one try, given its number (0 for the first)
     * @param exhausted the caller's exception once the deadline passed, given the last contention
     * @return what the successful try returned
     * @throws StorageUnavailableException (from {@code exhausted}) when contention outlasted the timeout
     */
    public <T> T run(IntFunction<T> attempt,
                     Function<RetryableStorageException, ? extends StorageUnavailableException> exhausted) {
        Objects.requireNonNull(attempt, "attempt is null");
        Objects.requireNonNull(exhausted, "exhausted is null");
        long deadline = System.nanoTime() + timeout.toNanos();
        for (int tries = 0; ; tries++) {
            try {
                return attempt.apply(tries);
            } catch (RetryableStorageException contention) {
                if (contention.serializationFailure()) {
                    serializationFailures.increment();
                }
                if (System.nanoTime() - deadline >= 0) {
                    throw exhausted.apply(contention);
                }
                retries.increment();
                Backoff.pause(tries);
            }
        }
    }
}
