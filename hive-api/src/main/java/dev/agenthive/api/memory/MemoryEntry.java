package dev.agenthive.api.memory;

import dev.agenthive.api.json.Json;

import java.time.Instant;
import java.util.Objects;

/**
 * A value of the namespaced shared key-value memory.
 *
 * @param namespace      namespace, e.g. a project or team
 * @param key            key within the namespace
 * @param value          the value
 * @param dataType       JSON type of the value
 * @param metadata       caller's metadata about the value
 * @param version        1 on creation, +1 on every write; the compare-and-set token
 * @param expiresAt      invisible and purged after this instant, or {@code null} for never
 * @param sizeBytes      UTF-8 size of the value text
 * @param accessCount    reads recorded so far (recorded in batches, so it may trail a little)
 * @param lastAccessedAt last recorded read, or {@code null}
 * @param createdAt      first write of this key (since it last did not exist)
 * @param updatedAt      last write
 */
public record MemoryEntry(
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

    public MemoryEntry {
        Objects.requireNonNull(namespace, "namespace is null");
        Objects.requireNonNull(key, "key is null");
        Objects.requireNonNull(value, "value is null");
        Objects.requireNonNull(dataType, "dataType is null");
        Objects.requireNonNull(metadata, "metadata is null");
        Objects.requireNonNull(createdAt, "createdAt is null");
        Objects.requireNonNull(updatedAt, "updatedAt is null");
    }
}
