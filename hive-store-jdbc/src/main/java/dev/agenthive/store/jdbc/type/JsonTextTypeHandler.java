package dev.agenthive.store.jdbc.type;

import dev.agenthive.api.json.Json;

/**
 * {@link Json} documents as text. The core validated and normalised the text already; the schema's
 * {@code json_valid} checks are the last line, so the text is stored exactly as given.
 */
public class JsonTextTypeHandler extends AbstractJsonTypeHandler<Json> {

    /** A handler that binds JSON as text. */
    public JsonTextTypeHandler() {
    }

    /** A handler that binds JSON as {@code binding} says. */
    public JsonTextTypeHandler(JsonBinding binding) {
        super(binding);
    }

    @Override
    protected String toJson(Json value) {
        return value.text();
    }

    @Override
    protected Json fromJson(String json) {
        return new Json(json);
    }
}
