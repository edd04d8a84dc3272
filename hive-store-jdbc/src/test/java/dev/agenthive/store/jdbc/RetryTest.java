package dev.agenthive.store.jdbc;

import dev.agenthive.api.error.InvalidInputException;
import dev.agenthive.api.error.StorageUnavailableException;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

class RetryTest {

    @Test
    void contentionIsTriedAgainUntilATrySucceeds() {
        List<Integer> tries = new ArrayList<>();
        String result = new Retry(Duration.ofMinutes(1)).run(attempt -> {
            tries.add(attempt);
            if (attempt < 3) {
                throw new RetryableStorageException("busy", null);
            }
            return "done";
        }, contention -> new StorageUnavailableException("gave up", contention));

        assertThat(result).isEqualTo("done");
        assertThat(tries).containsExactly(0, 1, 2, 3);
    }

    @Test
    void contentionPastTheDeadlineEndsWithTheCallersExceptionCausedByTheLastContention() {
        RetryableStorageException busy = new RetryableStorageException("busy", null);
        List<Integer> tries = new ArrayList<>();
        StorageUnavailableException e = assertThrows(StorageUnavailableException.class,
                () -> new Retry(Duration.ZERO).run(attempt -> {
                    tries.add(attempt);
                    throw busy;
                }, contention -> new StorageUnavailableException("locked for too long", contention)));

        assertThat(e).hasMessage("locked for too long").hasCause(busy).isNotInstanceOf(RetryableStorageException.class);
        assertThat(tries).containsExactly(0);
    }

    @Test
    void retriesAndSerializationFailuresAreCountedApart() {
        Retry retry = new Retry(Duration.ofMinutes(1));
        RetryableStorageException serialization = new RetryableStorageException("conflict",
                new SQLException("could not serialize access", "40001"));
        RetryableStorageException deadlock = new RetryableStorageException("deadlock",
                new SQLException("deadlock detected", "40P01"));
        retry.run(attempt -> {
            if (attempt == 0) {
                throw serialization;
            }
            if (attempt == 1) {
                throw deadlock;
            }
            return "done";
        }, contention -> new StorageUnavailableException("gave up", contention));

        assertThat(retry.retries()).isEqualTo(2);
        assertThat(retry.serializationFailures()).isEqualTo(1);
    }

    @Test
    void aSerializationFailurePastTheDeadlineIsCountedButNotRetried() {
        Retry retry = new Retry(Duration.ZERO);
        assertThrows(StorageUnavailableException.class, () -> retry.run(attempt -> {
            throw new RetryableStorageException("conflict", new SQLException("could not serialize access", "40001"));
        }, contention -> new StorageUnavailableException("gave up", contention)));

        assertThat(retry.retries()).isZero();
        assertThat(retry.serializationFailures()).isEqualTo(1);
    }

    @Test
    void anyOtherFailureEndsTheLoopAtOnce() {
        List<Integer> tries = new ArrayList<>();
        assertThrows(InvalidInputException.class, () -> new Retry(Duration.ofMinutes(1)).run(attempt -> {
            tries.add(attempt);
            throw new InvalidInputException("task.id", "must not be blank");
        }, contention -> new StorageUnavailableException("gave up", contention)));

        assertThat(tries).containsExactly(0);
    }

    @Test
    void pausesGrowAndStayCapped() {
        assertThat(Backoff.ceilingMillis(0)).isEqualTo(2);
        assertThat(Backoff.ceilingMillis(3)).isEqualTo(16);
        assertThat(Backoff.ceilingMillis(6)).isEqualTo(Backoff.MAX_PAUSE_MILLIS);
        assertThat(Backoff.ceilingMillis(1_000)).isEqualTo(Backoff.MAX_PAUSE_MILLIS);
    }

    @Test
    void aNegativeTimeoutIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Retry(Duration.ofMillis(-1)));
    }
}
