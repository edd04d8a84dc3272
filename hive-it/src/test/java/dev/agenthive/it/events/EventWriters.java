package dev.agenthive.it.events;

import dev.agenthive.api.event.Event;
import dev.agenthive.api.event.Severity;
import dev.agenthive.api.json.Json;
import dev.agenthive.api.store.HiveStore;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Threads that append events with random ids and random occurrence times (days into the past or the
 * future), a third of them in transactions held open for a while, some of those rolled back. What
 * each committed and rolled back is kept, for the follower's account.
 */
final class EventWriters {
    /** Thrown inside a transaction to roll it back. */
    private static final class RollBack extends RuntimeException {
        RollBack() {
            super("rolled back on purpose", null, false, false);
        }
    }

    private final HiveStore store;
    private final String name;
    private final int operations;
    private final int holdMillis;
    private final long seed;
    final Set<String> committed = ConcurrentHashMap.newKeySet();
    final Set<String> rolledBack = ConcurrentHashMap.newKeySet();
    final AtomicInteger held = new AtomicInteger();

    /**
     * @param name       prefix of the ids, unique among all writers
     * @param operations appends or transactions per thread
     * @param holdMillis the longest a transaction is held open
     */
    EventWriters(HiveStore store, String name, int operations, int holdMillis, long seed) {
        this.store = store;
        this.name = name;
        this.operations = operations;
        this.holdMillis = holdMillis;
        this.seed = seed;
    }

    /** Runs {@code threads} writers to the end; a writer's failure is rethrown. */
    void run(int threads) throws InterruptedException {
        List<Thread> running = new ArrayList<>();
        List<Throwable> failures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            Thread writer = new Thread(() -> {
                try {
                    write(thread);
                } catch (Throwable e) {
                    synchronized (failures) {
                        failures.add(e);
                    }
                }
            }, name + "-" + t);
            writer.start();
            running.add(writer);
        }
        for (Thread writer : running) {
            writer.join();
        }
        if (!failures.isEmpty()) {
            AssertionError error = new AssertionError(name + ": " + failures.size() + " writer(s) failed", failures.get(0));
            failures.stream().skip(1).forEach(error::addSuppressed);
            throw error;
        }
    }

    private void write(int thread) {
        Random random = new Random(seed * 31 + thread);
        int counter = 0;
        for (int op = 0; op < operations; op++) {
            int kind = random.nextInt(20);
            if (kind < 11) {
                List<Event> batch = new ArrayList<>();
                for (int i = 1 + random.nextInt(3); i > 0; i--) {
                    batch.add(event(random, thread, counter++));
                }
                store.events().append(batch);
                batch.forEach(event -> committed.add(event.id()));
            } else {
                boolean rollBack = kind >= 17;
                List<Event> first = List.of(event(random, thread, counter++));
                List<Event> second = List.of(event(random, thread, counter++), event(random, thread, counter++));
                long hold = random.nextInt(holdMillis + 1);
                held.incrementAndGet();
                try {
                    store.inTransaction(tx -> {
                        tx.events().append(first);
                        sleep(hold);
                        tx.events().append(second);
                        if (rollBack) {
                            throw new RollBack();
                        }
                        return null;
                    });
                    first.forEach(event -> committed.add(event.id()));
                    second.forEach(event -> committed.add(event.id()));
                } catch (RollBack expected) {
                    first.forEach(event -> rolledBack.add(event.id()));
                    second.forEach(event -> rolledBack.add(event.id()));
                }
            }
        }
    }

    /** An event whose id sorts at random and whose time, in the stores' milliseconds, is up to ten days either side of now. */
    private Event event(Random random, int thread, int counter) {
        String id = String.format("%08x-%s-%d-%d", random.nextInt(), name, thread, counter);
        Instant occurredAt = Instant.now().truncatedTo(ChronoUnit.MILLIS)
                .plus(Duration.ofSeconds(random.nextInt(20 * 86_400) - 10 * 86_400));
        return new Event(id, "it.follow", Severity.INFO, null, null, Json.EMPTY_OBJECT, occurredAt);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
