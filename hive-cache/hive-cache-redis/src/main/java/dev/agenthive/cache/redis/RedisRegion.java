package dev.agenthive.cache.redis;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.RemovalCause;
import dev.agenthive.api.Checks;
import dev.agenthive.api.cache.CacheRegion;
import dev.agenthive.api.cache.CacheRegionSpec;
import dev.agenthive.api.cache.CacheStats;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;

/**
 * One region of a {@link RedisCache}: its entries live in Redis under
 * {@code <prefix>:<generation>:<region>:<storage key>}, with a near cache in this process in front
 * of them when the cache has one.
 *
 * <p>A read that misses leaves a lease in the entry ({@link RedisScript#READ}), runs the loader and
 * then installs the value only if the lease is still there ({@link RedisScript#INSTALL}); an
 * invalidation deletes the entry, lease included, so a load that began before it cannot install
 * after it. The near cache plays the same game locally with a {@link NearLease} marker: a read puts
 * one before asking Redis and replaces it with the value only if it is still there; invalidating
 * (here, or by a message from another process) removes it.
 */
final class RedisRegion<V> implements CacheRegion<V> {
    static final byte VALUE_TAG = 'V';
    static final byte LEASE_TAG = 'L';
    /** Longer keys (and keys Redis could not store as they are) are stored under a hash. */
    static final int MAX_PLAIN_KEY = 512;

    private final RedisCache cache;
    private final CacheRegionSpec<V> spec;
    private final byte[] ttlMillis;
    private final Cache<String, Object> near;

    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();
    private final LongAdder loads = new LongAdder();
    private final LongAdder loadNanos = new LongAdder();
    private final LongAdder evictions = new LongAdder();
    private final LongAdder invalidations = new LongAdder();
    private final LongAdder errors = new LongAdder();

    RedisRegion(RedisCache cache, CacheRegionSpec<V> spec, boolean nearCache) {
        this.cache = cache;
        this.spec = spec;
        this.ttlMillis = RedisCache.ascii(Math.max(1, spec.ttl().toMillis()));
        this.near = nearCache ? Caffeine.newBuilder()
                .maximumSize(spec.maxEntries())
                .expireAfterWrite(spec.ttl())
                .executor(Runnable::run)
                .evictionListener((String key, Object value, RemovalCause cause) -> {
                    if (!(value instanceof NearLease)) {
                        evictions.increment();
                    }
                })
                .build() : null;
    }

    CacheRegionSpec<V> spec() {
        return spec;
    }

    @Override
    public String name() {
        return spec.name();
    }

    @Override
    public Optional<V> getIfPresent(String key) {
        Checks.notNull(key, "key");
        String storageKey = storageKey(key);
        RedisCache.State state = cache.state();
        if (!state.ready()) {
            misses.increment();
            errors.increment();
            return Optional.empty();
        }
        NearLease lease = null;
        if (near != null && cache.nearUsable()) {
            Object present = nearLookup(storageKey);
            if (present instanceof NearLease mine) {
                lease = mine;
            } else if (present != null) {
                hits.increment();
                return Optional.of(cast(present));
            }
        }
        try {
            RedisCache.Read read = cache.read(entryKey(state.generation(), storageKey), state.generation(), null);
            V value = read.kind() == RedisCache.Read.Kind.STORED ? decodeValue(read.bytes()) : null;
            if (value == null) {
                misses.increment();
                return Optional.empty();
            }
            hits.increment();
            nearInstall(storageKey, lease, value);
            return Optional.of(value);
        } catch (RuntimeException e) {
            cache.failed(e, false);
            errors.increment();
            misses.increment();
            return Optional.empty();
        } finally {
            nearRelease(storageKey, lease);
        }
    }

    @Override
    public V get(String key, Function<String, ? extends V> loader) {
        Checks.notNull(key, "key");
        Checks.notNull(loader, "loader");
        String storageKey = storageKey(key);
        RedisCache.State state = cache.state();
        if (!state.ready()) {
            misses.increment();
            errors.increment();
            return load(key, loader);
        }
        NearLease lease = null;
        if (near != null && cache.nearUsable()) {
            Object present = nearLookup(storageKey);
            if (present instanceof NearLease mine) {
                lease = mine;
            } else if (present != null) {
                hits.increment();
                return cast(present);
            }
        }
        try {
            return getThroughRedis(key, storageKey, state.generation(), loader, lease);
        } finally {
            nearRelease(storageKey, lease);
        }
    }

    private V getThroughRedis(String key, String storageKey, long generation, Function<String, ? extends V> loader,
                              NearLease nearLease) {
        String entryKey = entryKey(generation, storageKey);
        byte[] token = newLeaseToken();
        RedisCache.Read read;
        try {
            read = cache.read(entryKey, generation, token);
        } catch (RuntimeException e) {
            cache.failed(e, false);
            errors.increment();
            misses.increment();
            return load(key, loader);
        }
        switch (read.kind()) {
            case STORED -> {
                V value = decodeValue(read.bytes());
                if (value != null) {
                    hits.increment();
                    nearInstall(storageKey, nearLease, value);
                    return value;
                }
                // Another process's lease (or bytes this codec cannot read): load, and leave it be.
                misses.increment();
                return load(key, loader);
            }
            case LEASED -> {
                misses.increment();
                V value;
                try {
                    value = load(key, loader);
                } catch (RuntimeException | Error e) {
                    cache.release(entryKey, token);
                    throw e;
                }
                if (value == null) {
                    cache.release(entryKey, token);
                    return null;
                }
                byte[] stored;
                try {
                    stored = tag(spec.codec().encode(value));
                } catch (RuntimeException e) {
                    cache.codecFailed(name(), e);
                    errors.increment();
                    cache.release(entryKey, token);
                    return value;
                }
                try {
                    if (cache.install(entryKey, generation, token, stored, ttlMillis)) {
                        nearInstall(storageKey, nearLease, value);
                    }
                } catch (RuntimeException e) {
                    cache.failed(e, false);
                    errors.increment();
                }
                return value;
            }
            default -> {
                // GENERATION: another process started a new one; this read is answered by the loader.
                cache.adopt(read.generation(), true);
                misses.increment();
                return load(key, loader);
            }
        }
    }

    /**
     * The near value of {@code storageKey}; or else a lease of this call, put in place of nothing or of
     * another read's lease (which then will not install); or {@code null} when the near cache stopped
     * being usable meanwhile.
     */
    private Object nearLookup(String storageKey) {
        Object present = near.getIfPresent(storageKey);
        if (present != null && !(present instanceof NearLease)) {
            return cache.nearUsable() ? present : null;
        }
        NearLease lease = new NearLease();
        return near.asMap().compute(storageKey,
                (k, current) -> current == null || current instanceof NearLease ? lease : current);
    }

    /** Replaces this call's lease by {@code value}, only if nothing removed the lease meanwhile. */
    private void nearInstall(String storageKey, NearLease lease, V value) {
        if (lease != null) {
            near.asMap().replace(storageKey, lease, value);
        }
    }

    private void nearRelease(String storageKey, NearLease lease) {
        if (lease != null) {
            near.asMap().remove(storageKey, lease);
        }
    }

    private V load(String key, Function<String, ? extends V> loader) {
        long start = System.nanoTime();
        V value;
        try {
            value = loader.apply(key);
        } finally {
            loadNanos.add(System.nanoTime() - start);
        }
        if (value != null) {
            loads.increment();
        }
        return value;
    }

    @Override
    public void invalidate(String key) {
        invalidateAll(List.of(Checks.notNull(key, "key")));
    }

    @Override
    public void invalidateAll(Collection<String> keys) {
        Checks.notNull(keys, "keys");
        Set<String> storageKeys = new LinkedHashSet<>();
        for (String key : keys) {
            storageKeys.add(storageKey(Checks.notNull(key, "key")));
        }
        if (storageKeys.isEmpty()) {
            return;
        }
        invalidations.add(keys.size());
        List<String> batch = new ArrayList<>(storageKeys);
        try {
            if (cache.mayInvalidate()) {
                cache.invalidate(name(), batch);
            } else {
                cache.missedInvalidation();
                errors.increment();
            }
        } catch (RuntimeException e) {
            cache.failed(e, true);
            errors.increment();
        } finally {
            // After the delete: a read that put its lease before it is undone here, one after it reads
            // the deleted entry.
            nearRemove(batch);
        }
    }

    @Override
    public void invalidateAll() {
        try {
            if (cache.mayInvalidate()) {
                invalidations.add(cache.invalidateRegion(name(), cache.state().generation()));
            } else {
                cache.missedInvalidation();
                errors.increment();
            }
        } catch (RuntimeException e) {
            cache.failed(e, true);
            errors.increment();
        } finally {
            nearClear();
        }
    }

    @Override
    public CacheStats stats() {
        return new CacheStats(hits.sum(), misses.sum(), loads.sum(), loadNanos.sum(), evictions.sum(),
                invalidations.sum(), errors.sum());
    }

    void nearRemove(Collection<String> storageKeys) {
        if (near != null) {
            near.invalidateAll(storageKeys);
        }
    }

    void nearClear() {
        if (near != null) {
            near.invalidateAll();
        }
    }

    long nearEntries() {
        if (near == null) {
            return 0;
        }
        return near.asMap().values().stream().filter(v -> !(v instanceof NearLease)).count();
    }

    String entryKey(long generation, String storageKey) {
        return cache.keyPrefix() + ':' + generation + ':' + name() + ':' + storageKey;
    }

    private V decodeValue(byte[] stored) {
        if (stored == null || stored.length == 0 || stored[0] != VALUE_TAG) {
            return null;
        }
        try {
            return spec.codec().decode(Arrays.copyOfRange(stored, 1, stored.length));
        } catch (RuntimeException e) {
            cache.codecFailed(name(), e);
            errors.increment();
            return null;
        }
    }

    @SuppressWarnings("unchecked")
    private V cast(Object value) {
        return (V) value;
    }

    private static byte[] tag(byte[] encoded) {
        byte[] stored = new byte[encoded.length + 1];
        stored[0] = VALUE_TAG;
        System.arraycopy(encoded, 0, stored, 1, encoded.length);
        return stored;
    }

    private static byte[] newLeaseToken() {
        byte[] token = new byte[17];
        ThreadLocalRandom.current().nextBytes(token);
        token[0] = LEASE_TAG;
        return token;
    }

    /**
     * The key under which {@code key} is stored, one to one: the key itself when it is at most
     * {@value #MAX_PLAIN_KEY} characters of well-formed UTF-16 not starting with {@code '#'}, else
     * {@code '#'} and the URL-safe Base64 of the SHA-256 of its UTF-16 code units. (A lone surrogate
     * would become {@code '?'} in UTF-8, and two keys would then share an entry.)
     */
    static String storageKey(String key) {
        if (key.length() <= MAX_PLAIN_KEY && !key.startsWith("#") && wellFormed(key)) {
            return key;
        }
        // The code units themselves: String.getBytes would replace a lone surrogate, and two keys
        // would again share an entry.
        byte[] units = new byte[key.length() * 2];
        for (int i = 0; i < key.length(); i++) {
            units[2 * i] = (byte) (key.charAt(i) >> 8);
            units[2 * i + 1] = (byte) key.charAt(i);
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(units);
            return "#" + Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    private static boolean wellFormed(String key) {
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 == key.length() || !Character.isLowSurrogate(key.charAt(i + 1))) {
                    return false;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    /** A near-cache marker: a read of this process is asking Redis for the entry. */
    private static final class NearLease {
    }
}
