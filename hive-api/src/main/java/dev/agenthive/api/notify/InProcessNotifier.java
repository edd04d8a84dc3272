package dev.agenthive.api.notify;

import dev.agenthive.api.health.ComponentHealth;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A {@link Notifier} for the threads of this process: every topic has a sequence number that
 * {@link #signal} increments and waiters compare against. Waiting with the sequence read before
 * looking for work means a signal that arrives in between is never missed. A signal wakes one
 * sleeping waiter per unit; a waiter that read the sequence but was not yet asleep sees it moved
 * and returns at once as well. After {@link #close()} every waiter returns at once and new waits do
 * not block.
 *
 * <p>It is also the local half of a store's cross-process notifier: the store hands it what other
 * processes signal ({@link #signalIfWatched}, {@link #signalAll}).
 */
public final class InProcessNotifier implements Notifier {
    private final Map<String, Topic> topics = new ConcurrentHashMap<>();
    private volatile boolean closed;

    @Override
    public long sequence(String topic) {
        return topic(topic).sequence();
    }

    @Override
    public boolean await(String topic, long seenSequence, Duration timeout) throws InterruptedException {
        Objects.requireNonNull(timeout, "timeout is null");
        return topic(topic).await(seenSequence, timeout.toNanos());
    }

    @Override
    public void signal(String topic) {
        topic(topic).signal(1);
    }

    @Override
    public void signal(String topic, int units) {
        if (units > 0) {
            topic(topic).signal(units);
        }
    }

    /**
     * Signals one unit on the topic only if a waiter of this process has ever read its sequence: a
     * topic nobody looked at has no waiter that could miss it, and is not worth remembering.
     */
    public void signalIfWatched(String topic) {
        Topic watched = topics.get(Objects.requireNonNull(topic, "topic is null"));
        if (watched != null) {
            watched.signal(1);
        }
    }

    /** Wakes every waiter of every topic seen so far, so that all of them look for work again. */
    public void signalAll() {
        topics.values().forEach(Topic::signalEveryone);
    }

    /** Always up: signals between threads of one process cannot be lost. */
    @Override
    public ComponentHealth health() {
        return ComponentHealth.up("in-process", "", Map.of("topics", String.valueOf(topics.size())));
    }

    @Override
    public void close() {
        closed = true;
        topics.values().forEach(Topic::wakeAll);
    }

    private Topic topic(String name) {
        return topics.computeIfAbsent(Objects.requireNonNull(name, "topic is null"), ignored -> new Topic());
    }

    private final class Topic {
        private final ReentrantLock lock = new ReentrantLock();
        private final Condition changed = lock.newCondition();
        private long sequence;

        long sequence() {
            lock.lock();
            try {
                return sequence;
            } finally {
                lock.unlock();
            }
        }

        boolean await(long seen, long timeoutNanos) throws InterruptedException {
            lock.lock();
            try {
                long remaining = timeoutNanos;
                while (sequence == seen && !closed) {
                    if (remaining <= 0) {
                        return false;
                    }
                    remaining = changed.awaitNanos(remaining);
                }
                return sequence != seen;
            } finally {
                lock.unlock();
            }
        }

        void signal(int units) {
            lock.lock();
            try {
                sequence++;
                for (int i = 0; i < units && lock.hasWaiters(changed); i++) {
                    changed.signal();
                }
            } finally {
                lock.unlock();
            }
        }

        void signalEveryone() {
            lock.lock();
            try {
                sequence++;
                changed.signalAll();
            } finally {
                lock.unlock();
            }
        }

        void wakeAll() {
            lock.lock();
            try {
                changed.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }
}
