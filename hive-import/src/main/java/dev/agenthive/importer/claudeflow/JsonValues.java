package dev.agenthive.importer.claudeflow;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

/**
 * The values claude-flow stores: JSON in one row and raw text in the next, its
 * {@code AdvancedSerializer}'s tagged objects ({@code {"__type__":"__Date__","value":…}}) and its
 * {@code __compressed__}-prefixed base64 (which despite the name is not compressed).
 */
final class JsonValues {

    private static final String COMPRESSED_PREFIX = "__compressed__";
    private static final String TYPE_TAG = "__type__";

    private static final ObjectMapper MAPPER = new ObjectMapper()
            // "3 apples" is text, not the number 3 followed by garbage.
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private JsonValues() {
    }

    /** {@code text} as one JSON document, if it is one. */
    static Optional<JsonNode> parse(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(MAPPER.readTree(text));
        } catch (JsonProcessingException notJson) {
            return Optional.empty();
        }
    }

    /** A stored value: JSON text as what it holds, any other text as a JSON string; tags resolved. */
    static JsonNode fromText(String text) {
        return untag(parse(text).orElseGet(() -> TextNode.valueOf(text == null ? "" : text)));
    }

    /**
     * A value the serializer wrote, perhaps with the {@code __compressed__} prefix, tags resolved.
     *
     * @throws IllegalArgumentException {@code text} is neither JSON nor prefixed base64 of JSON
     */
    static JsonNode decodeSerialized(String text) {
        String json = text;
        if (text != null && text.startsWith(COMPRESSED_PREFIX)) {
            try {
                json = new String(Base64.getDecoder().decode(text.substring(COMPRESSED_PREFIX.length()).trim()),
                        StandardCharsets.UTF_8);
            } catch (IllegalArgumentException badBase64) {
                throw new IllegalArgumentException("text after " + COMPRESSED_PREFIX + " is not base64");
            }
        }
        return untag(parse(json).orElseThrow(() -> new IllegalArgumentException("not JSON")));
    }

    /**
     * Replaces the serializer's tagged objects by what {@code JSON.stringify} would have written for the
     * value they stand for: a date becomes its ISO text, a map an object (an array of pairs if a key is
     * no string), a set an array, a big integer its digits, and undefined, NaN and the infinities
     * vanish from objects and become null in arrays.
     */
    static JsonNode untag(JsonNode node) {
        if (node.isArray()) {
            ArrayNode out = JsonNodeFactory.instance.arrayNode();
            node.forEach(element -> out.add(vanishes(element) ? JsonNodeFactory.instance.nullNode() : untag(element)));
            return out;
        }
        if (!node.isObject()) {
            return node;
        }
        String tag = node.path(TYPE_TAG).asText("");
        switch (tag) {
            case "__Date__", "__BigInt__":
                return TextNode.valueOf(node.path("value").asText());
            case "__Set__":
                return untag(node.path("values"));
            case "__Map__":
                return untagMap(node.path("entries"));
            default:
                ObjectNode out = JsonNodeFactory.instance.objectNode();
                for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> field = it.next();
                    if (!vanishes(field.getValue())) {
                        out.set(field.getKey(), untag(field.getValue()));
                    }
                }
                return out;
        }
    }

    private static boolean vanishes(JsonNode node) {
        String tag = node.path(TYPE_TAG).asText("");
        return node.isObject() && (tag.equals("__undefined__") || tag.equals("__NaN__")
                || tag.equals("__Infinity__") || tag.equals("__-Infinity__"));
    }

    private static JsonNode untagMap(JsonNode entries) {
        ObjectNode object = JsonNodeFactory.instance.objectNode();
        for (JsonNode pair : entries) {
            JsonNode key = pair.path(0);
            if (!key.isTextual()) {
                return untag(entries);
            }
            if (!vanishes(pair.path(1))) {
                object.set(key.asText(), untag(pair.path(1)));
            }
        }
        return object;
    }

    /** The hive's {@code data_type} of a value. */
    static String dataType(JsonNode node) {
        if (node.isObject()) {
            return "object";
        }
        if (node.isArray()) {
            return "array";
        }
        if (node.isNumber()) {
            return "number";
        }
        if (node.isBoolean()) {
            return "boolean";
        }
        if (node.isNull()) {
            return "null";
        }
        return "string";
    }

    /** An empty JSON object to fill. */
    static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }

    /** Compact JSON text of {@code node}. */
    static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException cannotHappenForATree) {
            throw new IllegalStateException(cannotHappenForATree);
        }
    }

    /** {@code value} as a JSON node: text through {@link #fromText}, numbers as numbers, NULL as null. */
    static JsonNode ofColumn(Object value) {
        if (value == null) {
            return JsonNodeFactory.instance.nullNode();
        }
        if (value instanceof Long || value instanceof Integer) {
            return JsonNodeFactory.instance.numberNode(((Number) value).longValue());
        }
        if (value instanceof Number number) {
            return JsonNodeFactory.instance.numberNode(number.doubleValue());
        }
        if (value instanceof byte[] bytes) {
            return fromText(new String(bytes, StandardCharsets.UTF_8));
        }
        return fromText(value.toString());
    }
}
