package dev.agenthive.tck.cache;

import dev.agenthive.api.cache.CacheRegion;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * Real threads reading and writing a few keys of a region at once, checking the one promise a reader
 * can observe: once the invalidation that followed a write has <em>returned</em>, no read that starts
 * afterwards returns a value older than that write.
 *
 * <p>The "store" is a version counter per key. A writer bumps a key's version, invalidates the key
 * (alone, in a batch, or with the whole region) and, once the invalidation returned, publishes the
 * version as the key's floor. A reader notes the floor before it reads; the value it gets names the
 * version its loader read and must not be below that floor. Loaders pause at random between reading
 * the version and returning it, which is exactly the window a stale set needs. When all threads are
 * done, every key is read once more through every handle and must be at its last version.
 */
public final class StaleReadHammer {

    /** Only guards against a hang; nothing is asserted about how long anything takes. */
    private static final Duration HANG_GUARD = Duration.ofMinutes(2);
    /** Stale reads described in a report; the rest are only counted. */
    private static final int EXAMPLES = 20;

    private final List<CacheRegion<String>> handles;
    private final int keyCount;
    private final AtomicLong[] versions;
    private final AtomicLong[] floors;
    private final LongAdder reads = new LongAdder();
    private final LongAdder writes = new LongAdder();
    private final AtomicLong staleCount = new AtomicLong();
    private final Queue<String> examples = new ConcurrentLinkedQueue<>();

    private StaleReadHammer(List<CacheRegion<String>> handles, int keyCount) {
        this.handles = List.copyOf(handles);
        this.keyCount = keyCount;
        this.versions = new AtomicLong[keyCount];
        this.floors = new AtomicLong[keyCount];
        for (int i = 0; i < keyCount; i++) {
            versions[i] = new AtomicLong();
            floors[i] = new AtomicLong();
        }
    }

    /**
     * What a run saw.
     *
     * @param reads      reads checked against their floor
     * @param writes     version bumps, each followed by an invalidation
     * @param staleReads reads older than their floor, during the run or after it
     * @param examples   the first few of them, each naming the key, the handle and both versions
     */
    public record Report(long reads, long writes, long staleReads, List<String> examples) {
        public Report {
            examples = List.copyOf(examples);
        }
    }

    /**
     * Runs {@code threads} threads of {@code operationsPerThread} operations each on keys
     * {@code k0..k<keyCount-1>} of the given handles (thread {@code i} uses handle
     * {@code i % handles.size()}; pass two handles on one shared region to hammer it across
     * processes). The keys must not be cached when the run starts.
     *
     * @throws AssertionError a call of the cache failed, or the run hung for two minutes
     */
    public static Report run(List<CacheRegion<String>> handles, int threads, int operationsPerThread, int keyCount) {
        Objects.requireNonNull(handles, "handles is null");
        if (handles.isEmpty() || threads < 1 || operationsPerThread < 1 || keyCount < 3) {
            throw new IllegalArgumentException("needs a handle, a thread, an operation and three keys");
        }
        StaleReadHammer hammer = new StaleReadHammer(handles, keyCount);
        hammer.runThreads(threads, operationsPerThread);
        hammer.checkEveryKeyIsAtItsLastVersion();
        return new Report(hammer.reads.sum(), hammer.writes.sum(), hammer.staleCount.get(),
                new ArrayList<>(hammer.examples));
    }

    private void runThreads(int threads, int operationsPerThread) {
        AtomicInteger names = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads, task -> {
            Thread thread = new Thread(task, "stale-read-hammer-" + names.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> workers = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                int index = i;
                workers.add(pool.submit(() -> {
                    start.await();
                    work(handles.get(index % handles.size()), index % handles.size(), operationsPerThread);
                    return null;
                }));
            }
            start.countDown();
            long deadline = System.nanoTime() + HANG_GUARD.toNanos();
            for (Future<?> worker : workers) {
                worker.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
        } catch (ExecutionException e) {
            throw new AssertionError("a hammer thread failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new AssertionError("the hammer did not finish within " + HANG_GUARD, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        } finally {
            pool.shutdownNow();
        }
    }

    private void work(CacheRegion<String> region, int handle, int operations) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int op = 0; op < operations; op++) {
            int k = random.nextInt(keyCount);
            int dice = random.nextInt(100);
            if (dice < 20) {
                long version = versions[k].incrementAndGet();
                region.invalidate(key(k));
                publish(k, version);
            } else if (dice < 24) {
                writeBatch(region, k);
            } else if (dice < 25) {
                long version = versions[k].incrementAndGet();
                region.invalidateAll();
                publish(k, version);
            } else if (dice < 40) {
                long floor = floors[k].get();
                Optional<String> value = region.getIfPresent(key(k));
                value.ifPresent(v -> check(k, floor, v, "getIfPresent through handle " + handle));
            } else {
                long floor = floors[k].get();
                check(k, floor, region.get(key(k), ignored -> load(k)), "get through handle " + handle);
            }
        }
    }

    private void writeBatch(CacheRegion<String> region, int first) {
        int[] batch = {first, (first + 1) % keyCount, (first + 2) % keyCount};
        long[] written = new long[batch.length];
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < batch.length; i++) {
            written[i] = versions[batch[i]].incrementAndGet();
            keys.add(key(batch[i]));
        }
        region.invalidateAll(keys);
        for (int i = 0; i < batch.length; i++) {
            publish(batch[i], written[i]);
        }
    }

    private void publish(int k, long version) {
        writes.increment();
        floors[k].accumulateAndGet(version, Math::max);
    }

    private String load(int k) {
        long version = versions[k].get();
        // The stale-set window: the version is read, and the write and its invalidation may now pass.
        ThreadLocalRandom random = ThreadLocalRandom.current();
        if (random.nextBoolean()) {
            LockSupport.parkNanos(random.nextInt(50_000));
        } else {
            Thread.yield();
        }
        return key(k) + "@" + version;
    }

    private void check(int k, long floor, String value, String how) {
        reads.increment();
        String prefix = key(k) + "@";
        if (value == null || !value.startsWith(prefix)) {
            stale(key(k) + " via " + how + ": read '" + value + "', not a value of this key");
            return;
        }
        long version = Long.parseLong(value.substring(prefix.length()));
        if (version < floor) {
            stale(key(k) + " via " + how + ": read version " + version + " after the invalidation of version "
                    + floor + " had returned");
        }
    }

    private void checkEveryKeyIsAtItsLastVersion() {
        for (int k = 0; k < keyCount; k++) {
            long last = versions[k].get();
            for (int handle = 0; handle < handles.size(); handle++) {
                CacheRegion<String> region = handles.get(handle);
                int key = k;
                String after = " through handle " + handle + " after the run";
                region.getIfPresent(key(k)).ifPresent(v -> check(key, last, v, "getIfPresent" + after));
                check(k, last, region.get(key(k), ignored -> load(key)), "get" + after);
            }
        }
    }

    private void stale(String description) {
        staleCount.incrementAndGet();
        if (examples.size() < EXAMPLES) {
            examples.add(description);
        }
    }

    private static String key(int k) {
        return "k" + k;
    }
}
