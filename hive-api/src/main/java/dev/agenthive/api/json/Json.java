package dev.agenthive.api.json;

import dev.agenthive.api.Checks;

/**
 * A JSON document as text. The api module carries no JSON library, so this record only holds the
 * text; the core validates syntax, depth and size at the boundary (and normalises it), and every
 * store checks validity again in its schema.
 *
 * @param text the JSON text, never {@code null}
 */
public record Json(String text) {
    /** The empty JSON object {@code {}}. */
    public static final Json EMPTY_OBJECT = new Json("{}");
    /** The JSON literal {@code null}. */
    public static final Json NULL = new Json("null");

    public Json {
        Checks.notNull(text, "json");
    }

    /** Wraps JSON text; validation happens where the value enters the platform. */
    public static Json of(String text) {
        return new Json(text);
    }

    @Override
    public String toString() {
        return text;
    }
}
