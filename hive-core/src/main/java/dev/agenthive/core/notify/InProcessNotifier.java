package dev.agenthive.core.notify;

import dev.agenthive.api.notify.Notifier;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A {@link Notifier} for the threads of this process: every topic has a sequence number that
 * {@link #signal} increments and waiters compare against. Waiting with the sequence read before
 * looking for work means a signal that arrives in between is never missed. After {@link #close()}
 * every waiter returns at once and new waits do not block.
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
        topic(topic).signal();
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

        void signal() {
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
