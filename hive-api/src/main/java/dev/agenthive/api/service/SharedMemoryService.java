package dev.agenthive.api.service;

import dev.agenthive.api.json.Json;
import dev.agenthive.api.memory.MemoryEntry;
import dev.agenthive.api.memory.MemoryQuery;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Use cases of the namespaced shared key-value memory. */
public interface SharedMemoryService {

    Optional<MemoryEntry> get(String namespace, String key);

    /** Writes unconditionally, without expiry. */
    MemoryEntry put(String namespace, String key, Json value);

    /**
     * Writes with metadata and optional TTL.
     *
     * @param expectedVersion {@code null}: unconditional; {@code 0}: only if absent; {@code n}: only if at version n
     * @throws dev.agenthive.api.error.ConflictException {@code VERSION_MISMATCH}
     * @throws dev.agenthive.api.error.InvalidInputException the value is larger than the configured limit
     */
    MemoryEntry put(String namespace, String key, Json value, Json metadata, Duration timeToLive, Long expectedVersion);

    /** Compare-and-set: writes only if the current version is {@code expectedVersion} (0: absent). */
    MemoryEntry compareAndSet(String namespace, String key, long expectedVersion, Json value);

    boolean delete(String namespace, String key);

    /** The first {@code limit} live entries whose key starts with {@code prefix} ({@code null}: all), in key order. */
    List<MemoryEntry> list(String namespace, String prefix, int limit);

    /** Live entries matching the query (key prefix, metadata fragment, page), in key order. */
    List<MemoryEntry> list(MemoryQuery query);

    int purgeExpired();
}
