package dev.agenthive.api.memory;

import dev.agenthive.api.Checks;
import dev.agenthive.api.error.InvalidInputException;
import dev.agenthive.api.json.Json;

import java.time.Duration;

/**
 * Command to write a shared-memory value.
 *
 * @param namespace       namespace
 * @param key             key, at most 255 characters
 * @param value           the value
 * @param dataType        JSON type of the value
 * @param metadata        optional metadata; {@code null} means {@code {}}
 * @param timeToLive      optional; the entry expires this long after the write
 * @param expectedVersion {@code null}: write unconditionally; {@code 0}: only if the key does not
 *                        exist; {@code n > 0}: only if the current version is {@code n}
 */
public record MemoryWrite(
        String namespace,
        String key,
        Json value,
        JsonType dataType,
        Json metadata,
        Duration timeToLive,
        Long expectedVersion) {

    public MemoryWrite {
        Checks.id(namespace, "memory.namespace");
        Checks.id(key, "memory.key");
        Checks.json(Checks.notNull(value, "memory.value"), "memory.value");
        Checks.notNull(dataType, "memory.dataType");
        metadata = metadata == null ? Json.EMPTY_OBJECT : Checks.json(metadata, "memory.metadata");
        if (timeToLive != null) {
            Checks.positive(timeToLive, "memory.timeToLive");
        }
        if (expectedVersion != null && expectedVersion < 0) {
            throw new InvalidInputException("memory.expectedVersion", "must be 0 (absent) or a positive version, was " + expectedVersion);
        }
    }
}
