package dev.agenthive.tck.cache;

import dev.agenthive.api.cache.CacheRegion;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The stale-set race of a read-through cache, driven step by step instead of hoped for:
 * <ol>
 *   <li>a reader misses and its loader reads the <em>old</em> value from the store, then is held;</li>
 *   <li>a writer stores the <em>new</em> value and invalidates the key (by key, by batch or the whole
 *       region), on a thread of its own, since a cache may make the invalidation wait for the load;</li>
 *   <li>optionally, another reader loads the key again while the first is still held;</li>
 *   <li>the first reader is let go: its call returns the old value, which is right, as it asked
 *       before the write;</li>
 *   <li>once everything finished, the key is read through every handle, without and with a loader.</li>
 * </ol>
 * A cache that installs the held reader's result after the invalidation (a naive cache-aside: read,
 * then put) is left holding the old value: {@link Outcome#staleValueSurvived()}. The store is an
 * {@link AtomicReference} private to each run, and each run's values are unique, so runs never see
 * each other's entries even in a shared cache.
 */
public final class StaleSetScenario {

    /**
     * How long the invalidation (or the second load) gets before the scenario decides that the cache
     * makes it wait for the held load and lets that load go. Only a cache that blocks ever waits this
     * long; a wrong guess cannot make a correct cache fail.
     */
    private static final Duration GRACE = Duration.ofSeconds(2);
    /** Only guards against a hang; nothing is asserted about how long anything takes. */
    private static final Duration HANG_GUARD = Duration.ofMinutes(1);

    private final CacheRegion<String> loading;
    private final CacheRegion<String> invalidating;

    private StaleSetScenario(CacheRegion<String> loading, CacheRegion<String> invalidating) {
        this.loading = Objects.requireNonNull(loading, "loading is null");
        this.invalidating = Objects.requireNonNull(invalidating, "invalidating is null");
    }

    /** The race on one region handle: the same handle loads and invalidates. */
    public static StaleSetScenario on(CacheRegion<String> region) {
        return new StaleSetScenario(region, region);
    }

    /**
     * The race across two handles on one shared region (two processes): the held load runs through
     * {@code loading}, the invalidation through {@code invalidating}.
     */
    public static StaleSetScenario across(CacheRegion<String> loading, CacheRegion<String> invalidating) {
        return new StaleSetScenario(loading, invalidating);
    }

    /** How the writer invalidates the key. */
    public enum Invalidation {
        /** {@link CacheRegion#invalidate(String)}. */
        KEY {
            @Override
            public void apply(CacheRegion<?> region, String key) {
                region.invalidate(key);
            }
        },
        /** {@link CacheRegion#invalidateAll(java.util.Collection)}, the key second in a batch of two. */
        KEYS {
            @Override
            public void apply(CacheRegion<?> region, String key) {
                region.invalidateAll(List.of(key + "-sibling", key));
            }
        },
        /** {@link CacheRegion#invalidateAll()}. */
        REGION {
            @Override
            public void apply(CacheRegion<?> region, String key) {
                region.invalidateAll();
            }
        };

        /** Invalidates {@code key} of {@code region} this way. */
        public abstract void apply(CacheRegion<?> region, String key);
    }

    /**
     * What the run saw.
     *
     * @param oldValue          the store's value when the held load read it
     * @param newValue          the store's value from the write on
     * @param heldLoadReturned  what the held reader's {@code get} returned
     * @param invalidationWaited whether the invalidation was still running after two seconds (the
     *                           cache makes it wait for the held load, which is allowed)
     * @param reloadReturned    what the second reader's {@code get} returned; empty when there was
     *                          none (not asked, or the invalidation waited for the held load)
     * @param presentAfter      {@code getIfPresent} through each handle once everything finished
     * @param readAfter         {@code get} with a loader reading the store, through each handle, after that
     */
    public record Outcome(String oldValue, String newValue, String heldLoadReturned, boolean invalidationWaited,
                          Optional<String> reloadReturned, List<Optional<String>> presentAfter,
                          List<String> readAfter) {
        public Outcome {
            presentAfter = List.copyOf(presentAfter);
            readAfter = List.copyOf(readAfter);
        }

        /** Whether any read after the run returned the old value: the held load's result was installed. */
        public boolean staleValueSurvived() {
            return presentAfter.contains(Optional.of(oldValue)) || readAfter.contains(oldValue);
        }
    }

    /**
     * Runs the race on {@code key}, which must not be cached and must have no load in flight.
     *
     * @param reloadWhileHeld whether a second reader loads the key after the invalidation returned
     *                        and before the held reader is let go
     * @throws AssertionError a call of the cache failed, or a step hung for a minute
     */
    public Outcome run(String key, Invalidation invalidation, boolean reloadWhileHeld) {
        Objects.requireNonNull(key, "key is null");
        Objects.requireNonNull(invalidation, "invalidation is null");
        String nonce = Long.toHexString(ThreadLocalRandom.current().nextLong());
        String oldValue = "old-" + nonce;
        String newValue = "new-" + nonce;
        AtomicReference<String> store = new AtomicReference<>(oldValue);
        CountDownLatch loaderRead = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService threads = Executors.newCachedThreadPool(daemonThreads());
        try {
            Future<String> held = threads.submit(() -> loading.get(key, ignored -> {
                String value = store.get();
                loaderRead.countDown();
                awaitRelease(release);
                return value;
            }));
            awaitLoaderRead(loaderRead, held, key);

            store.set(newValue);
            Future<?> invalidated = threads.submit(() -> invalidation.apply(invalidating, key));
            boolean invalidationWaited = !finishesWithinGrace(invalidated);
            Future<String> reload = reloadWhileHeld && !invalidationWaited
                    ? threads.submit(() -> loading.get(key, ignored -> store.get()))
                    : null;
            if (reload != null) {
                // A cache may make this load wait for the held one; the result is judged either way.
                finishesWithinGrace(reload);
            }
            release.countDown();

            String heldLoadReturned = result(held, "the held get");
            result(invalidated, "the invalidation");
            Optional<String> reloadReturned = reload == null
                    ? Optional.empty()
                    : Optional.ofNullable(result(reload, "the second get"));

            List<CacheRegion<String>> handles = loading == invalidating ? List.of(loading) : List.of(loading, invalidating);
            // Every handle is asked without a loader before any read with one installs the new value.
            List<Optional<String>> presentAfter = new ArrayList<>();
            for (CacheRegion<String> handle : handles) {
                presentAfter.add(handle.getIfPresent(key));
            }
            List<String> readAfter = new ArrayList<>();
            for (CacheRegion<String> handle : handles) {
                readAfter.add(handle.get(key, ignored -> store.get()));
            }
            return new Outcome(oldValue, newValue, heldLoadReturned, invalidationWaited, reloadReturned,
                    presentAfter, readAfter);
        } finally {
            release.countDown();
            threads.shutdownNow();
        }
    }

    private static void awaitLoaderRead(CountDownLatch loaderRead, Future<String> held, String key) {
        try {
            long deadline = System.nanoTime() + HANG_GUARD.toNanos();
            while (!loaderRead.await(10, TimeUnit.MILLISECONDS)) {
                if (held.isDone()) {
                    throw new AssertionError("the get of '" + key + "' returned without calling its loader: "
                            + "the key was cached before the scenario (" + result(held, "the held get") + ")");
                }
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("the loader of '" + key + "' was not called within " + HANG_GUARD);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private static void awaitRelease(CountDownLatch release) {
        try {
            if (!release.await(HANG_GUARD.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("the held loader was not let go within " + HANG_GUARD);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("the held loader was interrupted", e);
        }
    }

    private static boolean finishesWithinGrace(Future<?> step) {
        try {
            step.get(GRACE.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            // Reported by result(), which every step goes through once the held load is let go.
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private static <T> T result(Future<T> step, String what) {
        try {
            return step.get(HANG_GUARD.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError(what + " failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new AssertionError(what + " did not finish within " + HANG_GUARD, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            // Daemon threads: a cache that hangs fails its test and does not keep the JVM alive.
            Thread thread = new Thread(task, "stale-set-scenario-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
