package dev.agenthive.store.jdbc.snapshot;

import dev.agenthive.api.json.Json;

/** One row of {@code memory_snapshot_contents}. */
public record StoredContent(String contentHash, Json content, long sizeBytes, Long compressedSize) {
}
