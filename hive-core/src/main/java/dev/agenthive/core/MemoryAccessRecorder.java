package dev.agenthive.core;

import dev.agenthive.api.memory.MemoryAccess;
import dev.agenthive.api.memory.MemoryEntry;
import dev.agenthive.core.cache.HiveCache;
import dev.agenthive.api.memory.SharedMemoryRepository;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts shared-memory reads in memory so that a read never waits for a write, and hands them to
 * the store in one batch on {@link #flush}. Counts of a flush that fails are kept for the next one.
 * Thread-safe.
 */
final class MemoryAccessRecorder {
    private final Map<Key, Pending> pending = new ConcurrentHashMap<>();
    private final HiveCache.Region<MemoryEntry> cached;

    /** A recorder whose flushes drop the flushed entries from {@code cached}, whose counts they change. */
    MemoryAccessRecorder(HiveCache.Region<MemoryEntry> cached) {
        this.cached = Objects.requireNonNull(cached, "cached is null");
    }

    /** Notes one read of the key at {@code at}. */
    void record(String namespace, String key, Instant at) {
        pending.merge(new Key(namespace, key), new Pending(1, at), Pending::plus);
    }

    /**
     * Writes the accumulated reads through {@code repository} and forgets them.
     *
     * @return number of keys flushed
     */
    int flush(SharedMemoryRepository repository) {
        Objects.requireNonNull(repository, "repository is null");
        List<MemoryAccess> batch = new ArrayList<>();
        for (Key key : List.copyOf(pending.keySet())) {
            Pending taken = pending.remove(key);
            if (taken != null) {
                batch.add(new MemoryAccess(key.namespace(), key.key(), taken.count(), taken.lastAccessedAt()));
            }
        }
        if (batch.isEmpty()) {
            return 0;
        }
        try {
            repository.recordAccess(batch);
        } catch (RuntimeException e) {
            for (MemoryAccess access : batch) {
                pending.merge(new Key(access.namespace(), access.key()),
                        new Pending(access.count(), access.lastAccessedAt()), Pending::plus);
            }
            throw e;
        }
        cached.invalidate(batch.stream().map(access -> HotReads.key(access.namespace(), access.key())).toList());
        return batch.size();
    }

    private record Key(String namespace, String key) {
    }

    private record Pending(long count, Instant lastAccessedAt) {
        Pending plus(Pending other) {
            return new Pending(count + other.count,
                    lastAccessedAt.isAfter(other.lastAccessedAt) ? lastAccessedAt : other.lastAccessedAt);
        }
    }
}
