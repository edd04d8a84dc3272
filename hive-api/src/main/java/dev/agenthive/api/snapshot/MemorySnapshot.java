package dev.agenthive.api.snapshot;

import dev.agenthive.api.json.Json;

import java.time.Instant;
import java.util.Objects;

/**
 * A memory snapshot as stored. Snapshots are immutable; snapshots with equal content share one
 * stored copy of it, addressed by its hash.
 *
 * @param id             generated, time-ordered identifier
 * @param agentId        the agent whose memory this is
 * @param sessionId      the context session it was taken in, or {@code null}
 * @param memoryType     free-text kind of memory, e.g. {@code "working"} or {@code "episodic"}
 * @param importance     0.0 (expendable) .. 1.0 (essential); pruning removes the least important first
 * @param contentHash    SHA-256 of the content's UTF-8 text, lower-case hex
 * @param content        the remembered content
 * @param sizeBytes      UTF-8 size of the content text
 * @param compressedSize size of the stored compressed content, or {@code null} while it is stored inline
 * @param createdAt      when it was taken
 */
public record MemorySnapshot(
        String id,
        String agentId,
        String sessionId,
        String memoryType,
        double importance,
        String contentHash,
        Json content,
        long sizeBytes,
        Long compressedSize,
        Instant createdAt) {

    public MemorySnapshot {
        Objects.requireNonNull(id, "id is null");
        Objects.requireNonNull(agentId, "agentId is null");
        Objects.requireNonNull(memoryType, "memoryType is null");
        Objects.requireNonNull(contentHash, "contentHash is null");
        Objects.requireNonNull(content, "content is null");
        Objects.requireNonNull(createdAt, "createdAt is null");
    }
}
