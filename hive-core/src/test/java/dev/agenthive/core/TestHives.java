package dev.agenthive.core;

import dev.agenthive.api.memory.MemoryEntry;
import dev.agenthive.api.store.HiveStore;
import dev.agenthive.core.alert.AlertEvaluator;
import dev.agenthive.core.cache.HiveCache;
import dev.agenthive.core.cache.JacksonCacheCodec;
import dev.agenthive.core.config.HiveConfig;
import dev.agenthive.core.json.JsonCodec;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** Configuration and waiting helpers shared by the tests that run on a real SQLite file. */
final class TestHives {
    private TestHives() {
    }

    /**
     * An isolated configuration on {@code dir/hive.db} and its blob folder {@code dir/hive.db-blobs}, without
     * background maintenance. The folder is named, not left to the default beside a SQLite file, so that a test
     * that swaps in a provider of its own does not open {@code ./.hive/blobs} in the working directory.
     */
    static HiveConfig.Builder config(Path dir) {
        return HiveConfig.builder().isolated()
                .storageUrl("sqlite:" + dir.resolve("hive.db"))
                .blobUrl("file:" + dir.resolve("hive.db-blobs"))
                .maintenanceInterval(Duration.ZERO);
    }

    /** Opens a hive, with the providers found by ServiceLoader, whose services read time from {@code clock}. */
    static Hive open(HiveConfig config, Clock clock) {
        return Hive.open(config, Plugins.discover(), clock, null);
    }

    /** A shared-memory read recorder with no cache to invalidate. */
    static MemoryAccessRecorder uncachedAccessRecorder() {
        return new MemoryAccessRecorder(HiveCache.disabled("test", Optional.empty()).region("memory", JacksonCacheCodec.of(MemoryEntry.class)));
    }

    /** Slow-operation events of a hive whose slow-operation log is off: nothing to write. */
    static SlowOperationEvents noSlowOperationEvents(HiveStore store) {
        JsonCodec codec = new JsonCodec(64, 1 << 20);
        return new SlowOperationEvents(null, store, new SystemEvents(new IdGenerator(Clock.systemUTC(),
                new SecureRandom()), Clock.systemUTC(), codec), codec);
    }

    /** An alert evaluator with no rules. */
    static AlertEvaluator noAlerts(HiveStore store) {
        return new AlertEvaluator(store, List.of(), null, new JsonCodec(64, 1 << 20), () -> "unused", Clock.systemUTC(),
                Duration.ZERO);
    }

    /** Waits, up to a generous bound, until {@code condition} holds; fails the test if it never does. */
    static void awaitCondition(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("never happened: " + what);
            }
            Thread.sleep(5);
        }
    }

    /** Waits until {@code thread} parks in a timed wait, i.e. has looked for work and found none. */
    static void awaitTimedWaiting(Thread thread) throws InterruptedException {
        awaitCondition(thread.getName() + " waiting", () -> thread.getState() == Thread.State.TIMED_WAITING);
    }
}
