package dev.agenthive.core;

import dev.agenthive.api.notify.InProcessNotifier;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

class WorkWaiterTest {

    @Test
    void aZeroWaitAsksExactlyOnce() throws InterruptedException {
        WorkWaiter waiter = new WorkWaiter(new InProcessNotifier(), Duration.ofMinutes(10));
        AtomicInteger attempts = new AtomicInteger();

        List<String> found = waiter.await("t", Duration.ZERO, () -> {
            attempts.incrementAndGet();
            return List.of();
        });

        assertThat(found).isEmpty();
        assertThat(attempts).hasValue(1);
    }

    @Test
    void aSignalWakesTheWaiterWhichThenFindsTheWork() throws Exception {
        InProcessNotifier notifier = new InProcessNotifier();
        // A recheck interval far beyond the test's patience: only the signal can end the wait in time.
        WorkWaiter waiter = new WorkWaiter(notifier, Duration.ofHours(1));
        AtomicReference<String> work = new AtomicReference<>();
        CountDownLatch firstAttempt = new CountDownLatch(1);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<List<String>> result = pool.submit(() -> waiter.await("t", Duration.ofHours(1), () -> {
                String item = work.getAndSet(null);
                firstAttempt.countDown();
                return item == null ? List.of() : List.of(item);
            }));
            firstAttempt.await();
            work.set("job-1");
            notifier.signal("t");

            assertThat(result.get(5, TimeUnit.MINUTES)).containsExactly("job-1");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void withoutASignalWorkIsFoundByRecheckingBeforeTheDeadline() throws InterruptedException {
        WorkWaiter waiter = new WorkWaiter(new InProcessNotifier(), Duration.ofMillis(5));
        AtomicInteger attempts = new AtomicInteger();

        List<Integer> found = waiter.await("t", Duration.ofHours(1), () ->
                attempts.incrementAndGet() < 3 ? List.of() : List.of(attempts.get()));

        assertThat(found).containsExactly(3);
    }

    @Test
    void nothingArrivingEndsWithAnEmptyResultAfterTheWait() throws InterruptedException {
        WorkWaiter waiter = new WorkWaiter(new InProcessNotifier(), Duration.ofMillis(5));
        AtomicInteger attempts = new AtomicInteger();

        List<String> found = waiter.await("t", Duration.ofMillis(30), () -> {
            attempts.incrementAndGet();
            return List.of();
        });

        assertThat(found).isEmpty();
        assertThat(attempts.get()).isGreaterThanOrEqualTo(2);
    }
}
