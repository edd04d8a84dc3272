package dev.agenthive.api.cache;

import java.util.Collection;

/**
 * Optional store capability: how processes sharing a store tell each other which cached reads
 * their writes made stale, so that a cache held inside each process stays correct. A store
 * without one offers no process-local caching: the core then caches only through a
 * {@link Cache#shared() shared} cache.
 *
 * <p>The promise an implementation states is how soon another process sees a publication:
 * embedded stores on one machine can make it visible before {@link #publish} returns (so that the
 * next {@link #catchUp()} anywhere reports it); server stores deliver it asynchronously.
 */
public interface ChangeFeed extends AutoCloseable {

    /**
     * Whether a publication is visible to every other process's next {@link #catchUp()} once
     * {@link #publish} returned. Only then does a process-local cache over this feed never serve a
     * value older than a write that returned elsewhere; over an asynchronous feed the core caches
     * only when staleness until delivery is explicitly accepted.
     */
    boolean synchronous();

    /**
     * Announces that the entries of {@code keys} in {@code region} changed. Called after the write
     * committed and before it returns to its caller.
     */
    void publish(String region, Collection<String> keys);

    /**
     * Announces that any entry of {@code region} may have changed (a write whose keys are not known,
     * such as a bulk requeue). Called like {@link #publish}.
     */
    void publishAll(String region);

    /** Sets the one listener of other processes' publications; called once, before any catch-up. */
    void listen(ChangeListener listener);

    /**
     * Hands the listener, on this thread, whatever other processes published that it has not seen.
     * Called before every cached read, so it must be cheap when nothing changed.
     */
    void catchUp();

    /** Stops listening. Idempotent. */
    @Override
    void close();
}
