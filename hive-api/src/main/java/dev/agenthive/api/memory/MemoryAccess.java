package dev.agenthive.api.memory;

import java.time.Instant;
import java.util.Objects;

/**
 * Reads of one key accumulated since the last flush, recorded in a batch so that a read never
 * waits for a write.
 */
public record MemoryAccess(String namespace, String key, long count, Instant lastAccessedAt) {
    public MemoryAccess {
        Objects.requireNonNull(namespace, "namespace is null");
        Objects.requireNonNull(key, "key is null");
        Objects.requireNonNull(lastAccessedAt, "lastAccessedAt is null");
    }
}
