package dev.agenthive.store.sqlite;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Holds the store's writer inside a write until released, so that other writes queue up behind it. */
final class WriterBlocker implements AutoCloseable {
    private final CountDownLatch entered = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);
    private final Thread thread;

    WriterBlocker(SqliteHiveStore store) throws InterruptedException {
        thread = new Thread(() -> store.executor().write(session -> {
            entered.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return null;
        }), "blocker");
        thread.start();
        if (!entered.await(30, TimeUnit.SECONDS)) {
            throw new AssertionError("the writer never ran the blocking write");
        }
    }

    /** Waits until at least {@code queued} operations wait for the writer. */
    static void awaitQueued(SqliteHiveStore store, int queued) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (store.writerStats().queued() < queued) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("writes never queued up: " + store.writerStats());
            }
            Thread.sleep(1);
        }
    }

    void release() {
        release.countDown();
    }

    @Override
    public void close() {
        release();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
