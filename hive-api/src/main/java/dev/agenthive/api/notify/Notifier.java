package dev.agenthive.api.notify;

import dev.agenthive.api.health.ComponentHealth;

import java.time.Duration;
import java.util.Map;

/**
 * Wakes consumers waiting for work on a topic so that nobody busy-polls. A signal carries no
 * data: a woken consumer asks the store again. Topics are {@link #TASKS} and
 * {@link #inbox(String)}.
 *
 * <p>A signal stands for one unit of new work and wakes one waiter, not all of them: with two
 * hundred agents waiting for tasks, one new task must not send two hundred claims to the store,
 * all but one of them finding nothing. A consumer that was not woken looks again on its own after
 * its recheck interval, so waking too few delays work but never loses it.
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

    /**
     * Signals one unit of new work: wakes one waiter of the topic in this process and, where the
     * implementation reaches other processes, at most one in each of them.
     */
    void signal(String topic);

    /**
     * Signals {@code units} units of new work at once (tasks put back in the queue together, say):
     * wakes up to that many waiters. The default signals one unit at a time.
     */
    default void signal(String topic, int units) {
        for (int i = 0; i < units; i++) {
            signal(topic);
        }
    }

    /**
     * Whether signals reach their waiters, for {@code Hive.health()}: a notifier that reaches other
     * processes over a connection reports it down or reconnecting, with its last error. Cheap and never
     * throws. The default reports up: a notifier that says nothing of itself has nothing known to fail,
     * and waiters re-check the store on their own anyway.
     */
    default ComponentHealth health() {
        return ComponentHealth.up(getClass().getSimpleName(), "", Map.of());
    }

    @Override
    void close();
}
