package dev.agenthive.store.jdbc.snapshot;

import dev.agenthive.api.json.Json;

/**
 * One row of {@code memory_snapshot_contents}.
 *
 * @param content  the content, or JSON {@code null} when {@code location} is {@code blob}
 * @param location {@code row} or {@code blob}: where the content is
 */
public record StoredContent(String contentHash, Json content, long sizeBytes, Long compressedSize, String location) {

    boolean inBlobStore() {
        return "blob".equals(location);
    }

    StoredContent withContent(Json loaded) {
        return new StoredContent(contentHash, loaded, sizeBytes, compressedSize, location);
    }
}
