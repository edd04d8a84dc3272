package dev.agenthive.store.jdbc.snapshot;

import dev.agenthive.api.snapshot.MemorySnapshot;

import java.time.Instant;

/** One row of {@code memory_snapshots}: a snapshot without its content, which it names by hash. */
public record SnapshotRow(
        String id,
        String agentId,
        String sessionId,
        String memoryType,
        double importance,
        String contentHash,
        long sizeBytes,
        Instant createdAt) {

    /** The api record with its content. */
    public MemorySnapshot toSnapshot(StoredContent content) {
        return new MemorySnapshot(id, agentId, sessionId, memoryType, importance, contentHash, content.content(),
                sizeBytes, content.compressedSize(), createdAt);
    }
}
