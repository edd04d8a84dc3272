package dev.agenthive.api.notify;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class InProcessNotifierTest {
    private static final Duration LONG = Duration.ofMinutes(5);

    @Test
    void aSignalFromAnotherThreadWakesTheWaiter() throws Exception {
        try (InProcessNotifier notifier = new InProcessNotifier()) {
            long seen = notifier.sequence(Notifier.TASKS);
            CountDownLatch waiting = new CountDownLatch(1);
            ExecutorService pool = Executors.newSingleThreadExecutor();
            try {
                Future<Boolean> woken = pool.submit(() -> {
                    waiting.countDown();
                    return notifier.await(Notifier.TASKS, seen, LONG);
                });
                waiting.await();
                notifier.signal(Notifier.TASKS);

                assertThat(woken.get(LONG.toMinutes(), TimeUnit.MINUTES)).isTrue();
                assertThat(notifier.sequence(Notifier.TASKS)).isEqualTo(seen + 1);
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void aSignalBetweenReadingTheSequenceAndWaitingIsNotMissed() throws InterruptedException {
        try (InProcessNotifier notifier = new InProcessNotifier()) {
            long seen = notifier.sequence("inbox:a");
            notifier.signal("inbox:a");

            assertThat(notifier.await("inbox:a", seen, LONG)).isTrue();
        }
    }

    @Test
    void withoutASignalTheWaitTimesOut() throws InterruptedException {
        try (InProcessNotifier notifier = new InProcessNotifier()) {
            long seen = notifier.sequence("inbox:a");

            assertThat(notifier.await("inbox:a", seen, Duration.ofMillis(20))).isFalse();
            assertThat(notifier.await("inbox:a", seen, Duration.ZERO)).isFalse();
        }
    }

    @Test
    void topicsAreIndependent() throws InterruptedException {
        try (InProcessNotifier notifier = new InProcessNotifier()) {
            long seenB = notifier.sequence(Notifier.inbox("b"));
            notifier.signal(Notifier.inbox("a"));

            assertThat(notifier.sequence(Notifier.inbox("b"))).isEqualTo(seenB);
            assertThat(notifier.await(Notifier.inbox("b"), seenB, Duration.ofMillis(20))).isFalse();
        }
    }

    @Test
    void closeReleasesEveryWaiter() throws Exception {
        InProcessNotifier notifier = new InProcessNotifier();
        long seen = notifier.sequence(Notifier.TASKS);
        CountDownLatch waiting = new CountDownLatch(1);
        CompletableFuture<Boolean> woken = CompletableFuture.supplyAsync(() -> {
            waiting.countDown();
            try {
                return notifier.await(Notifier.TASKS, seen, LONG);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        waiting.await();
        notifier.close();

        assertThat(woken.get(LONG.toMinutes(), TimeUnit.MINUTES)).isFalse();
        assertThat(notifier.await(Notifier.TASKS, seen, LONG)).isFalse();
    }

    @Test
    void anInterruptedWaiterGetsInterruptedException() throws Exception {
        try (InProcessNotifier notifier = new InProcessNotifier()) {
            long seen = notifier.sequence(Notifier.TASKS);
            CompletableFuture<Throwable> outcome = new CompletableFuture<>();
            Thread waiter = new Thread(() -> {
                try {
                    notifier.await(Notifier.TASKS, seen, LONG);
                    outcome.complete(null);
                } catch (Throwable e) {
                    outcome.complete(e);
                }
            });
            waiter.start();
            waiter.interrupt();

            assertThat(outcome.get(LONG.toMinutes(), TimeUnit.MINUTES)).isInstanceOf(InterruptedException.class);
        }
    }
}
