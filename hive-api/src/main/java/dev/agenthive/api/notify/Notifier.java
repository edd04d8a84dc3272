package dev.agenthive.api.notify;

import java.time.Duration;

/**
 * Wakes consumers waiting for work on a topic so that nobody busy-polls. A signal carries no
 * data: a woken consumer asks the store again. Topics are {@link #TASKS} and
 * {@link #inbox(String)}.
 */
public interface Notifier extends AutoCloseable {
    /** Signalled when tasks become claimable. */
    String TASKS = "tasks";

    /** Topic of one agent's inbox. */
    static String inbox(String agentId) {
        return "inbox:" + agentId;
    }

    /** The current sequence number of a topic; pass it to {@link #await} to miss no signal. */
    long sequence(String topic);

    /**
     * Waits until the topic's sequence moves past {@code seenSequence} or the timeout passes.
     *
     * @return {@code true} if signalled, {@code false} on timeout
     * @throws InterruptedException when the waiting thread is interrupted
     */
    boolean await(String topic, long seenSequence, Duration timeout) throws InterruptedException;

    /** Wakes every waiter of the topic, in this process and (where the implementation can) in others. */
    void signal(String topic);

    @Override
    void close();
}
