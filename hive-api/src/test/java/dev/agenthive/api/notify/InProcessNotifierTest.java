package dev.agenthive.api.notify;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class InProcessNotifierTest {
    private static final Duration LONG = Duration.ofMinutes(5);
    private static final String WAITER = "notifier-waiter";

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
    void aSignalWakesOneWaiterPerUnitAndSignalAllWakesTheRest() throws Exception {
        try (InProcessNotifier notifier = new InProcessNotifier()) {
            long seen = notifier.sequence(Notifier.TASKS);
            ExecutorService pool = Executors.newFixedThreadPool(4, runnable -> new Thread(runnable, WAITER));
            try {
                List<Future<Boolean>> waiters = new ArrayList<>();
                for (int i = 0; i < 4; i++) {
                    waiters.add(pool.submit(() -> notifier.await(Notifier.TASKS, seen, LONG)));
                }
                awaitSleepers(waiters, 4);

                notifier.signal(Notifier.TASKS);
                assertThat(awaitDone(waiters, 1)).isEqualTo(1);
                notifier.signal(Notifier.TASKS, 2);
                assertThat(awaitDone(waiters, 3)).isEqualTo(3);
                // Nothing else woke the last one: it sleeps until signalAll.
                Thread.sleep(100);
                assertThat(waiters.stream().filter(Future::isDone).count()).isEqualTo(3);

                notifier.signalAll();
                assertThat(awaitDone(waiters, 4)).isEqualTo(4);
                for (Future<Boolean> waiter : waiters) {
                    assertThat(waiter.get()).isTrue();
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }

    /** Waits until all of them are asleep in the notifier (a sleeping thread is WAITING or TIMED_WAITING). */
    private static void awaitSleepers(List<Future<Boolean>> waiters, int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().equals(WAITER))
                .filter(thread -> thread.getState() == Thread.State.TIMED_WAITING)
                .filter(thread -> Arrays.stream(thread.getStackTrace())
                        .anyMatch(frame -> frame.getClassName().startsWith(InProcessNotifier.class.getName())))
                .count() < count) {
            assertThat(System.nanoTime()).as("waiters asleep in time").isLessThan(deadline);
            assertThat(waiters).noneMatch(Future::isDone);
            Thread.sleep(5);
        }
    }

    /** Waits until at least {@code count} waiters returned, and says how many did. */
    private static long awaitDone(List<Future<Boolean>> waiters, int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (waiters.stream().filter(Future::isDone).count() < count && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        Thread.sleep(50);
        return waiters.stream().filter(Future::isDone).count();
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
