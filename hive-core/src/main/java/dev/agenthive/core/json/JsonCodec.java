package dev.agenthive.core.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import dev.agenthive.api.Checks;
import dev.agenthive.api.error.InvalidInputException;
import dev.agenthive.api.json.Json;
import dev.agenthive.api.memory.JsonType;

import java.io.IOException;
import java.io.StringWriter;
import java.util.Collection;
import java.util.Map;

/**
 * Validates JSON at the platform's boundary and normalises it to compact text. A value is accepted
 * when it is exactly one JSON value (nothing but whitespace after it), nests at most
 * {@code maxDepth} arrays/objects deep, is at most {@code maxBytes} UTF-8 bytes long, repeats no
 * key within an object, holds no U+0000 ({@link Checks#NO_NUL_RULE}: the escape
 * <code>&#92;u0000</code> is refused, as PostgreSQL's {@code jsonb} refuses it) and no number
 * PostgreSQL's {@code numeric} cannot hold ({@link Checks#NUMBER_RULE}). Numbers keep their exact
 * text. Thread-safe.
 */
public final class JsonCodec {
    private final int maxDepth;
    private final int maxBytes;
    private final JsonFactory factory;

    /**
     * @param maxDepth deepest nesting of arrays and objects, at least 1
     * @param maxBytes largest input in UTF-8 bytes, at least 1
     */
    public JsonCodec(int maxDepth, int maxBytes) {
        this.maxDepth = Checks.positive(maxDepth, "hive.json.max-depth");
        this.maxBytes = Checks.positive(maxBytes, "hive.json.max-bytes");
        // Jackson's own limits are a backstop one notch above ours, so our clearer messages win.
        StreamReadConstraints constraints = StreamReadConstraints.builder()
                .maxNestingDepth(maxDepth + 1)
                .maxDocumentLength(maxBytes + 1L)
                .maxStringLength(maxBytes + 1)
                .maxNameLength(maxBytes + 1)
                .build();
        this.factory = JsonFactory.builder()
                .streamReadConstraints(constraints)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build();
    }

    /** Deepest nesting of arrays and objects accepted. */
    public int maxDepth() {
        return maxDepth;
    }

    /** Largest input accepted, in UTF-8 bytes. */
    public int maxBytes() {
        return maxBytes;
    }

    /**
     * Checks {@code json} as the value of {@code field} and returns it normalised.
     *
     * @throws InvalidInputException naming {@code field} and the broken rule
     */
    public ValidJson validate(Json json, String field) {
        if (json == null) {
            throw new InvalidInputException(field, "must not be null");
        }
        String text = json.text();
        long bytes = utf8Length(text);
        if (bytes > maxBytes) {
            throw new InvalidInputException(field, "must be at most " + maxBytes + " bytes of JSON, was " + bytes);
        }
        String unstorable = Checks.unstorableCharacters(text);
        if (unstorable != null || Checks.hasNul(text)) {
            throw new InvalidInputException(field, unstorable != null ? unstorable : Checks.NO_NUL_RULE);
        }
        // Only an escape can spell a character the raw text does not show (Jackson even reads some non-ASCII digits as hex).
        boolean escapes = text.indexOf("\\u") >= 0;
        StringWriter out = new StringWriter(text.length());
        JsonType type;
        try (JsonParser parser = factory.createParser(text);
             JsonGenerator generator = factory.createGenerator(out)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new InvalidInputException(field, "must be valid JSON, was empty");
            }
            type = typeOf(first);
            int depth = 0;
            JsonToken token = first;
            while (true) {
                if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
                    depth++;
                    if (depth > maxDepth) {
                        throw new InvalidInputException(field, "must not nest arrays and objects deeper than "
                                + maxDepth + " levels");
                    }
                } else if (token == JsonToken.END_OBJECT || token == JsonToken.END_ARRAY) {
                    depth--;
                }
                if (token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT) {
                    // The parser has checked the number's syntax; its text is kept so no precision or form is lost.
                    String number = parser.getText();
                    if (token == JsonToken.VALUE_NUMBER_FLOAT && !Checks.storableNumber(number)) {
                        throw new InvalidInputException(field, Checks.NUMBER_RULE);
                    }
                    generator.writeNumber(number);
                } else {
                    if (escapes && (token == JsonToken.VALUE_STRING || token == JsonToken.FIELD_NAME)) {
                        String rule = Checks.unstorableCharacters(parser.getText());
                        if (rule != null) {
                            throw new InvalidInputException(field, rule);
                        }
                    }
                    generator.copyCurrentEvent(parser);
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
                throw new InvalidInputException(field, "must be a single JSON value, found more content after it at "
                        + position(parser));
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
        String normalised = out.toString();
        return new ValidJson(new Json(normalised), type, utf8Length(normalised));
    }

    /** Checks and normalises; see {@link #validate}. */
    public Json normalize(Json json, String field) {
        return validate(json, field).json();
    }

    /**
     * Writes a flat JSON object, in the map's order, for details the platform itself records.
     * Values may be {@code null}, {@link String}, {@link Number}, {@link Boolean} or an already
     * validated {@link Json}, which is embedded as it is.
     */
    public Json object(Map<String, ?> fields) {
        StringWriter out = new StringWriter();
        try (JsonGenerator generator = factory.createGenerator(out)) {
            generator.writeStartObject();
            for (Map.Entry<String, ?> field : fields.entrySet()) {
                generator.writeFieldName(field.getKey());
                Object value = field.getValue();
                if (value == null) {
                    generator.writeNull();
                } else if (value instanceof Json raw) {
                    generator.writeRawValue(raw.text());
                } else if (value instanceof Boolean bool) {
                    generator.writeBoolean(bool);
                } else if (value instanceof Integer || value instanceof Long) {
                    generator.writeNumber(((Number) value).longValue());
                } else if (value instanceof Number number) {
                    generator.writeNumber(number.toString());
                } else {
                    generator.writeString(value.toString());
                }
            }
            generator.writeEndObject();
        } catch (IOException e) {
            throw new IllegalStateException("writing JSON to memory failed", e);
        }
        return new Json(out.toString());
    }

    /** Writes a JSON array of strings, for details the platform itself records. */
    public Json stringArray(Collection<String> values) {
        StringWriter out = new StringWriter();
        try (JsonGenerator generator = factory.createGenerator(out)) {
            generator.writeStartArray();
            for (String value : values) {
                generator.writeString(value);
            }
            generator.writeEndArray();
        } catch (IOException e) {
            throw new IllegalStateException("writing JSON to memory failed", e);
        }
        return new Json(out.toString());
    }

    private static JsonType typeOf(JsonToken token) {
        return switch (token) {
            case START_OBJECT -> JsonType.OBJECT;
            case START_ARRAY -> JsonType.ARRAY;
            case VALUE_STRING -> JsonType.STRING;
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> JsonType.NUMBER;
            case VALUE_TRUE, VALUE_FALSE -> JsonType.BOOLEAN;
            case VALUE_NULL -> JsonType.NULL;
            default -> throw new IllegalStateException("not a value start: " + token);
        };
    }

    private static String position(JsonParser parser) {
        var location = parser.currentTokenLocation();
        return "line " + location.getLineNr() + ", column " + location.getColumnNr();
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
