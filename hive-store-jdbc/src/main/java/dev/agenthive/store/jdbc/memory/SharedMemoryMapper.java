package dev.agenthive.store.jdbc.memory;

import dev.agenthive.api.memory.MemoryWrite;
import dev.agenthive.api.json.Json;
import org.apache.ibatis.annotations.Param;

import java.time.Instant;
import java.util.List;

/** SQL of the shared memory; statements in {@code SharedMemoryMapper.xml}. */
public interface SharedMemoryMapper {

    /** The row, expired or not. */
    MemoryRow find(@Param("namespace") String namespace, @Param("key") String key);

    MemoryRow findLive(@Param("namespace") String namespace, @Param("key") String key, @Param("now") Instant now);

    /**
     * Writes the entry whether or not it exists, or with {@code absentOnly} only where it is absent
     * or expired; an expired row is started afresh. Returns the row as stored, or null when
     * {@code absentOnly} found a live entry.
     */
    MemoryRow upsert(@Param("w") MemoryWrite write, @Param("sizeBytes") long sizeBytes,
                     @Param("expiresAt") Instant expiresAt, @Param("absentOnly") boolean absentOnly,
                     @Param("now") Instant now);

    /** Replaces the live entry if its version is {@code expectedVersion}; the row as stored, or null. */
    MemoryRow update(@Param("w") MemoryWrite write, @Param("sizeBytes") long sizeBytes,
                     @Param("expiresAt") Instant expiresAt, @Param("expectedVersion") long expectedVersion,
                     @Param("now") Instant now);

    int delete(@Param("namespace") String namespace, @Param("key") String key, @Param("version") long version);

    List<MemoryRow> list(@Param("namespace") String namespace, @Param("from") String from,
                         @Param("below") String below, @Param("metadataContains") Json metadataContains,
                         @Param("afterKey") String afterKey,
                         @Param("now") Instant now, @Param("limit") int limit);

    int recordAccess(@Param("namespace") String namespace, @Param("key") String key,
                     @Param("count") long count, @Param("at") Instant at);

    int purgeExpired(@Param("now") Instant now);
}
