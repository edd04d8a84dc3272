package dev.agenthive.store.jdbc;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import dev.agenthive.api.Checks;
import dev.agenthive.api.error.InvalidInputException;
import dev.agenthive.api.json.Json;

import java.io.IOException;
import java.util.Objects;

/**
 * The store port's check of every JSON value a repository writes and every JSON fragment a query
 * takes: one RFC 8259 value, no deeper than {@link JsonLimits#maxDepth()}, no larger than
 * {@link JsonLimits#maxBytes()} UTF-8 bytes, no key repeated within an object, no U+0000
 * ({@link Checks#NO_NUL_RULE}) and no number PostgreSQL cannot hold ({@link Checks#NUMBER_RULE}):
 * the rules of the core's codec, worded alike. A failure is an
 * {@link InvalidInputException} naming the api field.
 *
 * <p>It is the one parse the store makes of a value (a streaming pass, nothing built): the text is
 * stored as given. The schema checks validity again (SQLite's {@code json_valid}, PostgreSQL's
 * {@code jsonb} input), but a database that refuses malformed JSON in a column's input function
 * reports no column and knows neither the depth nor the duplicate-key rule. Thread-safe.
 */
public final class JsonValidator {
    private final JsonLimits limits;
    private final JsonFactory factory;

    public JsonValidator(JsonLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits is null");
        // Jackson's own limits are a backstop one notch above ours, so our clearer messages win.
        StreamReadConstraints constraints = StreamReadConstraints.builder()
                .maxNestingDepth(limits.maxDepth() + 1)
                .maxDocumentLength(limits.maxBytes() + 1L)
                .maxStringLength(limits.maxBytes() + 1)
                .maxNameLength(limits.maxBytes() + 1)
                .build();
        // Jackson's defaults are otherwise strict RFC 8259: no NaN, comments, single quotes, leading zeros or trailing commas.
        this.factory = JsonFactory.builder()
                .streamReadConstraints(constraints)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build();
    }

    /** The limits checked. */
    public JsonLimits limits() {
        return limits;
    }

    /**
     * Returns {@code json} if it keeps every rule (or is {@code null}), for a value written to a column.
     *
     * @param constraint the schema's named constraint on the column, whose guard in
     *                   {@link SchemaConstraints} names the field
     * @throws InvalidInputException naming the field and the broken rule
     */
    public Json requireValid(Json json, String constraint) {
        SchemaConstraints.Guard guard = SchemaConstraints.check(constraint)
                .orElseThrow(() -> new IllegalArgumentException("no guard for constraint " + constraint));
        return requireValidArgument(json, guard.field());
    }

    /**
     * Returns {@code json} if it keeps every rule (or is {@code null}); for JSON a query takes, which
     * no constraint guards.
     *
     * @param field the api field, e.g. {@code eventQuery.detailsContain}
     * @throws InvalidInputException naming the field and the broken rule
     */
    public Json requireValidArgument(Json json, String field) {
        if (json != null) {
            check(json.text(), field);
        }
        return json;
    }

    /**
     * Checks one JSON text as the value of {@code field}.
     *
     * @throws InvalidInputException naming {@code field} and the broken rule
     */
    public void check(String text, String field) {
        Objects.requireNonNull(text, "text is null");
        checkSize(text, field);
        String unstorable = Checks.unstorableCharacters(text);
        if (unstorable != null || Checks.hasNul(text)) {
            throw new InvalidInputException(field, unstorable != null ? unstorable : Checks.NO_NUL_RULE);
        }
        // Only an escape can spell a character the raw text does not show (Jackson even reads some non-ASCII digits as hex).
        boolean escapes = text.indexOf("\\u") >= 0;
        try (JsonParser parser = factory.createParser(text)) {
            JsonToken token = parser.nextToken();
            if (token == null) {
                throw new InvalidInputException(field, "must be valid JSON, was empty");
            }
            int depth = 0;
            while (true) {
                if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
                    depth++;
                    if (depth > limits.maxDepth()) {
                        throw new InvalidInputException(field, "must not nest arrays and objects deeper than "
                                + limits.maxDepth() + " levels");
                    }
                } else if (token == JsonToken.END_OBJECT || token == JsonToken.END_ARRAY) {
                    depth--;
                } else if (escapes && (token == JsonToken.VALUE_STRING || token == JsonToken.FIELD_NAME)) {
                    String rule = Checks.unstorableCharacters(parser.getText());
                    if (rule != null) {
                        throw new InvalidInputException(field, rule);
                    }
                } else if (token == JsonToken.VALUE_NUMBER_FLOAT && !Checks.storableNumber(parser.getText())) {
                    // Integers are plain digits, which the parser's number-length limit keeps storable.
                    throw new InvalidInputException(field, Checks.NUMBER_RULE);
                }
                if (depth == 0) {
                    break;
                }
                token = parser.nextToken();
                if (token == null) {
                    throw new InvalidInputException(field, "must be valid JSON, ended before the value was complete");
                }
            }
            if (parser.nextToken() != null) {
                throw new InvalidInputException(field, "must be a single JSON value, found more content after it");
            }
        } catch (StreamConstraintsException e) {
            throw new InvalidInputException(field, "exceeds a JSON size limit: " + e.getOriginalMessage(), e);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? ""
                    : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            throw new InvalidInputException(field, "must be valid JSON: " + firstLine(e.getOriginalMessage()) + where, e);
        } catch (IOException e) {
            throw new InvalidInputException(field, "must be valid JSON: " + e.getMessage(), e);
        }
    }

    private void checkSize(String text, String field) {
        // A char is 1 to 3 UTF-8 bytes (a surrogate pair 4 for 2), so most texts need no count.
        if ((long) text.length() * 3 <= limits.maxBytes()) {
            return;
        }
        long bytes = utf8Length(text);
        if (bytes > limits.maxBytes()) {
            throw new InvalidInputException(field, "must be at most " + limits.maxBytes() + " bytes of JSON, was " + bytes);
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "malformed";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    /** UTF-8 length without encoding; unpaired surrogates count as the 3-byte replacement they become. */
    static long utf8Length(String text) {
        long bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }
}
