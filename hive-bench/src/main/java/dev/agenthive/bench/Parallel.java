package dev.agenthive.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/** Set-up work (not measured) split over a few threads, e.g. filling a backlog through Agent Hive. */
final class Parallel {
    /** One item of set-up work. */
    @FunctionalInterface
    interface Item {
        void run(int index) throws Exception;
    }

    private Parallel() {
    }

    /** Runs {@code item} for 0..count-1 on {@code threads} threads; the first failure is rethrown. */
    static void forEach(int threads, int count, Item item) throws Exception {
        AtomicInteger next = new AtomicInteger();
        ExecutorService executor = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                futures.add(executor.submit(() -> {
                    for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                        item.run(i);
                    }
                    return null;
                }));
            }
            for (Future<?> future : futures) {
                try {
                    future.get();
                } catch (ExecutionException e) {
                    throw e.getCause() instanceof Exception cause ? cause : e;
                }
            }
        } finally {
            executor.shutdownNow();
        }
    }
}
