package dev.agenthive.api.json;

import dev.agenthive.api.Checks;

/**
 * A JSON document as text. The api module carries no JSON library, so this record only holds the
 * text; the core validates syntax, depth and size at the boundary (and normalises it), and every
 * store checks validity again in its schema.
 *
 * <h2 id="containment">Containment</h2>
 * Queries that take a JSON fragment ({@code ...Contains}) match documents that contain the
 * fragment, with PostgreSQL's {@code jsonb @>} rules on every store: an object contains an object
 * when each of the fragment's keys is present with a contained value; an array contains an array
 * when each element of the fragment is contained in some element of the array (order and
 * repetition do not matter); scalars match when equal, numbers by value ({@code 1.0} equals
 * {@code 1}); and, at the top level only, an array contains a scalar that is one of its elements.
 * {@code {}} matches every object. PostgreSQL answers from a GIN index; SQLite evaluates the same
 * rules row by row after the query's other filters; MariaDB pre-filters with its looser
 * {@code JSON_CONTAINS} and checks the rows it keeps with these rules.
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
