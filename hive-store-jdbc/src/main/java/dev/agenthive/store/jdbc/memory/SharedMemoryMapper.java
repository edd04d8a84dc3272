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

    int insert(@Param("w") MemoryWrite write, @Param("sizeBytes") long sizeBytes,
               @Param("expiresAt") Instant expiresAt, @Param("now") Instant now);

    int update(@Param("w") MemoryWrite write, @Param("sizeBytes") long sizeBytes,
               @Param("expiresAt") Instant expiresAt, @Param("currentVersion") long currentVersion,
               @Param("now") Instant now);

    int replaceExpired(@Param("w") MemoryWrite write, @Param("sizeBytes") long sizeBytes,
                       @Param("expiresAt") Instant expiresAt, @Param("now") Instant now);

    int delete(@Param("namespace") String namespace, @Param("key") String key, @Param("version") long version);

    List<MemoryRow> list(@Param("namespace") String namespace, @Param("from") String from,
                         @Param("below") String below, @Param("metadataContains") Json metadataContains,
                         @Param("afterKey") String afterKey,
                         @Param("now") Instant now, @Param("limit") int limit);

    int recordAccess(@Param("namespace") String namespace, @Param("key") String key,
                     @Param("count") long count, @Param("at") Instant at);

    int purgeExpired(@Param("now") Instant now);
}
