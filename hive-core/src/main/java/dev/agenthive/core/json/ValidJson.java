package dev.agenthive.core.json;

import dev.agenthive.api.json.Json;
import dev.agenthive.api.memory.JsonType;

import java.util.Objects;

/**
 * A JSON value that passed {@link JsonCodec#validate}.
 *
 * @param json      the normalised (compact) text
 * @param type      the JSON type of the root value
 * @param sizeBytes UTF-8 size of the normalised text
 */
public record ValidJson(Json json, JsonType type, long sizeBytes) {
    public ValidJson {
        Objects.requireNonNull(json, "json is null");
        Objects.requireNonNull(type, "type is null");
    }
}
