package dev.agenthive.store.jdbc;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import dev.agenthive.api.error.InvalidInputException;
import dev.agenthive.api.json.Json;

import java.io.IOException;

/**
 * Checks that a {@link Json} value a repository is about to write is one RFC 8259 document, and
 * names the api field if not. The schema checks again (SQLite's {@code json_valid}, PostgreSQL's
 * {@code jsonb} input), but a database that refuses malformed JSON in a column's input function
 * reports no column, so the repositories check first, for every dialect alike.
 */
public final class JsonSyntax {
    /** Jackson's defaults are strict RFC 8259: no NaN, comments, single quotes, leading zeros or trailing commas. */
    private static final JsonFactory FACTORY = JsonFactory.builder().build();

    private JsonSyntax() {
    }

    /**
     * Returns {@code json} if it is one valid JSON document (or {@code null}).
     *
     * @param constraint the schema's named constraint on the column, whose guard in
     *                   {@link SchemaConstraints} names the field and the rule
     * @throws InvalidInputException naming the field, if the text is not one JSON document
     */
    public static Json requireValid(Json json, String constraint) {
        SchemaConstraints.Guard guard = SchemaConstraints.check(constraint)
                .orElseThrow(() -> new IllegalArgumentException("no guard for constraint " + constraint));
        return requireValidArgument(json, guard.field());
    }

    /**
     * Returns {@code json} if it is one valid JSON document (or {@code null}); for JSON a query
     * takes, which no constraint guards.
     *
     * @param field the api field, e.g. {@code eventQuery.detailsContain}
     * @throws InvalidInputException naming the field, if the text is not one JSON document
     */
    public static Json requireValidArgument(Json json, String field) {
        if (json == null || isValid(json.text())) {
            return json;
        }
        throw new InvalidInputException(field, "must be valid JSON");
    }

    static boolean isValid(String text) {
        try (JsonParser parser = FACTORY.createParser(text)) {
            if (parser.nextToken() == null) {
                return false;
            }
            parser.skipChildren();
            return parser.nextToken() == null;
        } catch (IOException e) {
            // Malformed text, or nesting beyond Jackson's stream constraints.
            return false;
        }
    }
}
