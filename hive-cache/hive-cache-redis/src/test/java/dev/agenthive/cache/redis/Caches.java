package dev.agenthive.cache.redis;

import dev.agenthive.api.cache.Cache;
import dev.agenthive.api.cache.CacheCodec;
import dev.agenthive.api.cache.CacheHealth;
import dev.agenthive.api.cache.CacheRegionSpec;
import dev.agenthive.api.spi.CacheSettings;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.Supplier;

/** Opening caches and waiting for them, for the adapter's own tests. */
final class Caches {
    /** Bounded waits for what happens in the background (reconnecting, a message arriving). */
    static final Duration PATIENCE = Duration.ofSeconds(20);

    /** A loader for reads that must hit. */
    static final Function<String, String> NOT_CALLED = key -> {
        throw new AssertionError("the loader of '" + key + "' was called, but the value should have been cached");
    };

    private Caches() {
    }

    /** A key prefix of its own, so that a test shares nothing with another (on a given server too). */
    static String newPrefix() {
        return "t" + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
    }

    /** Opens the cache at {@code url} with the given {@code hive.cache.redis.*} settings (key, value, ...). */
    static Cache open(String url, String prefix, String... keysAndValues) {
        Map<String, String> properties = new HashMap<>();
        properties.put(RedisCacheConfig.KEY_PREFIX, prefix);
        for (int i = 0; i < keysAndValues.length; i += 2) {
            properties.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return new RedisCacheProvider().open(new CacheSettings(url, properties, Clock.systemUTC()));
    }

    static CacheRegionSpec<String> spec(String name) {
        return new CacheRegionSpec<>(name, 1_000, Duration.ofMinutes(10), Utf8.INSTANCE);
    }

    /** Polls {@code condition} until it holds, failing with {@code what} after {@link #PATIENCE}. */
    static void await(String what, BooleanSupplier condition) {
        await(what, condition, () -> "");
    }

    static void await(String what, BooleanSupplier condition, Supplier<String> state) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + PATIENCE + ": " + what + " " + state.get());
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + what, e);
            }
        }
    }

    static void awaitStatus(Cache cache, CacheHealth.Status status) {
        await("health " + status, () -> cache.health().status() == status, () -> cache.health().toString());
    }

    /** Waits until the cache may read its near cache: subscribed, under a lease, connected. */
    static void awaitNearCacheOn(Cache cache) {
        await("near cache on", () -> "on".equals(cache.health().details().get("near-cache")),
                () -> cache.health().toString());
    }

    static long detail(Cache cache, String key) {
        return Long.parseLong(cache.health().details().get(key));
    }

    static void awaitLatch(CountDownLatch latch, String what) {
        try {
            if (!latch.await(PATIENCE.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("not within " + PATIENCE + ": " + what);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for " + what, e);
        }
    }

    /** Strings as UTF-8. */
    enum Utf8 implements CacheCodec<String> {
        INSTANCE;

        @Override
        public byte[] encode(String value) {
            return value.getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public String decode(byte[] bytes) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    /**
     * UTF-8 strings whose next decode, once {@linkplain #holdNextDecode() armed}, signals
     * {@link #decoding} and waits for {@link #release}: the moment between reading Redis and filling
     * the near cache, held open.
     */
    static final class HeldDecode implements CacheCodec<String> {
        final CountDownLatch decoding = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        private volatile boolean armed;

        void holdNextDecode() {
            armed = true;
        }

        @Override
        public byte[] encode(String value) {
            return Utf8.INSTANCE.encode(value);
        }

        @Override
        public String decode(byte[] bytes) {
            if (armed) {
                armed = false;
                decoding.countDown();
                awaitLatch(release, "the release of the held decode");
            }
            return Utf8.INSTANCE.decode(bytes);
        }
    }
}
