package dev.agenthive.core;

import dev.agenthive.api.Checks;
import dev.agenthive.api.error.InvalidInputException;
import dev.agenthive.api.json.Json;
import dev.agenthive.api.memory.MemoryEntry;
import dev.agenthive.api.memory.MemoryQuery;
import dev.agenthive.api.memory.MemoryWrite;
import dev.agenthive.api.service.SharedMemoryService;
import dev.agenthive.api.store.HiveStore;
import dev.agenthive.core.config.HiveConfig;
import dev.agenthive.core.json.JsonCodec;
import dev.agenthive.core.json.ValidJson;

import java.time.Clock;
import java.time.Instant;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link SharedMemoryService} over a {@link HiveStore}. Values are validated and normalised, and
 * limited to {@code hive.memory.max-value-bytes} of normalised text. Reads are counted by a
 * {@link MemoryAccessRecorder} and reach the store only when it is flushed.
 */
final class DefaultSharedMemoryService implements SharedMemoryService {
    private final HiveStore store;
    private final JsonCodec codec;
    private final MemoryAccessRecorder accesses;
    private final Clock clock;
    private final int maxValueBytes;
    private final HotReads hot;

    /** Wires the service; lease, backoff, limits and intervals come from {@code config}. */
    DefaultSharedMemoryService(HiveStore store, JsonCodec codec, MemoryAccessRecorder accesses, Clock clock,
                                      HiveConfig config, HotReads hot) {
        this.hot = Objects.requireNonNull(hot, "hot is null");
        this.store = Objects.requireNonNull(store, "store is null");
        this.codec = Objects.requireNonNull(codec, "codec is null");
        this.accesses = Objects.requireNonNull(accesses, "accesses is null");
        this.clock = Objects.requireNonNull(clock, "clock is null");
        this.maxValueBytes = config.memoryMaxValueBytes();
    }

    @Override
    public Optional<MemoryEntry> get(String namespace, String key) {
        Checks.id(namespace, "memory.namespace");
        Checks.id(key, "memory.key");
        Instant now = clock.instant();
        MemoryEntry cached = hot.memory().read(HotReads.key(namespace, key),
                () -> store.sharedMemory().get(namespace, key).orElse(null));
        // A cached entry outlives its own time to live only in the cache: past it, it is gone.
        Optional<MemoryEntry> entry = Optional.ofNullable(cached)
                .filter(found -> found.expiresAt() == null || found.expiresAt().isAfter(now));
        entry.ifPresent(found -> accesses.record(namespace, key, clock.instant()));
        return entry;
    }

    @Override
    public MemoryEntry put(String namespace, String key, Json value) {
        return put(namespace, key, value, null, null, null);
    }

    @Override
    public MemoryEntry put(String namespace, String key, Json value, Json metadata, Duration timeToLive,
                           Long expectedVersion) {
        Checks.id(namespace, "memory.namespace");
        Checks.id(key, "memory.key");
        ValidJson valid = codec.validate(value, "memory.value");
        if (valid.sizeBytes() > maxValueBytes) {
            throw new InvalidInputException("memory.value", "must be at most " + maxValueBytes + " bytes, was "
                    + valid.sizeBytes());
        }
        Json normalisedMetadata = metadata == null ? null : codec.normalize(metadata, "memory.metadata");
        MemoryWrite write = new MemoryWrite(namespace, key, valid.json(), valid.type(), normalisedMetadata, timeToLive,
                expectedVersion);
        return HotReads.afterWrite(() -> store.sharedMemory().put(write),
                () -> hot.memory().invalidate(HotReads.key(namespace, key)));
    }

    @Override
    public MemoryEntry compareAndSet(String namespace, String key, long expectedVersion, Json value) {
        return put(namespace, key, value, null, null, expectedVersion);
    }

    @Override
    public boolean delete(String namespace, String key) {
        Checks.id(namespace, "memory.namespace");
        Checks.id(key, "memory.key");
        return HotReads.afterWrite(() -> store.sharedMemory().delete(namespace, key, null),
                () -> hot.memory().invalidate(HotReads.key(namespace, key)));
    }

    @Override
    public List<MemoryEntry> list(String namespace, String prefix, int limit) {
        return list(MemoryQuery.prefix(namespace, prefix == null ? "" : prefix, limit));
    }

    @Override
    public List<MemoryEntry> list(MemoryQuery query) {
        return store.sharedMemory().list(Checks.notNull(query, "memoryQuery"));
    }

    @Override
    public int purgeExpired() {
        return store.sharedMemory().purgeExpired();
    }
}
