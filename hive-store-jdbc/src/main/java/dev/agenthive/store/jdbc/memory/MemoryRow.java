package dev.agenthive.store.jdbc.memory;

import dev.agenthive.api.json.Json;
import dev.agenthive.api.memory.JsonType;
import dev.agenthive.api.memory.MemoryEntry;

import java.time.Instant;

/** One row of {@code shared_memory}, expired or not. */
public record MemoryRow(
        String namespace,
        String key,
        Json value,
        JsonType dataType,
        Json metadata,
        long version,
        Instant expiresAt,
        long sizeBytes,
        long accessCount,
        Instant lastAccessedAt,
        Instant createdAt,
        Instant updatedAt) {

    /** Whether the entry is still visible at {@code now}. */
    public boolean liveAt(Instant now) {
        return expiresAt == null || expiresAt.isAfter(now);
    }

    public MemoryEntry toEntry() {
        return new MemoryEntry(namespace, key, value, dataType, metadata, version, expiresAt, sizeBytes,
                accessCount, lastAccessedAt, createdAt, updatedAt);
    }
}
