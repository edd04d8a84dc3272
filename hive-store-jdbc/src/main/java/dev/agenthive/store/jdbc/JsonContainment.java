package dev.agenthive.store.jdbc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.agenthive.api.json.Json;

import java.util.Map;
import java.util.function.Predicate;

/**
 * PostgreSQL's {@code jsonb @>} containment, so that a JSON-fragment query gives the same answer on
 * SQLite as on PostgreSQL: objects contain objects key by key, arrays contain arrays element by
 * element (order and repetition ignored), scalars are equal (numbers by value), and only a top-level
 * array may contain a bare scalar. A value never contains one of a different structure.
 *
 * <p>A store whose database has no such operator evaluates it in SQL through a function of its own
 * (SQLite, H2), or lets a looser SQL test pre-filter and checks the rows here
 * ({@link JdbcDialect#containmentIsExact()}).
 */
public final class JsonContainment {
    /** Numbers as BigDecimal, so that equality by value is exact. */
    private static final ObjectReader READER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build().reader();

    private JsonContainment() {
    }

    /** Whether {@code document @> fragment} holds, for texts that are each one JSON document. */
    public static boolean contains(String document, String fragment) {
        return contains(parse(document), parse(fragment));
    }

    /** Whether {@code document @> fragment} holds, for trees parsed by {@link #parse}. */
    public static boolean contains(JsonNode document, JsonNode fragment) {
        if (fragment.isContainerNode()) {
            return sameStructure(document, fragment) && containerContains(document, fragment);
        }
        if (document.isArray()) {
            return hasEqualScalar(document, fragment);
        }
        return scalarsEqual(document, fragment);
    }

    private static boolean containerContains(JsonNode document, JsonNode fragment) {
        return fragment.isObject() ? objectContains(document, fragment) : arrayContains(document, fragment);
    }

    private static boolean objectContains(JsonNode document, JsonNode fragment) {
        for (Map.Entry<String, JsonNode> field : fragment.properties()) {
            JsonNode value = document.get(field.getKey());
            JsonNode wanted = field.getValue();
            boolean matches = value != null && (wanted.isContainerNode()
                    ? sameStructure(value, wanted) && containerContains(value, wanted)
                    : scalarsEqual(value, wanted));
            if (!matches) {
                return false;
            }
        }
        return true;
    }

    private static boolean arrayContains(JsonNode document, JsonNode fragment) {
        for (JsonNode wanted : fragment) {
            if (wanted.isContainerNode() ? !hasContainingElement(document, wanted) : !hasEqualScalar(document, wanted)) {
                return false;
            }
        }
        return true;
    }

    private static boolean hasContainingElement(JsonNode array, JsonNode wanted) {
        for (JsonNode element : array) {
            if (sameStructure(element, wanted) && containerContains(element, wanted)) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasEqualScalar(JsonNode array, JsonNode wanted) {
        for (JsonNode element : array) {
            if (scalarsEqual(element, wanted)) {
                return true;
            }
        }
        return false;
    }

    private static boolean sameStructure(JsonNode a, JsonNode b) {
        return a.isObject() && b.isObject() || a.isArray() && b.isArray();
    }

    private static boolean scalarsEqual(JsonNode a, JsonNode b) {
        if (a.isContainerNode() || b.isContainerNode()) {
            return false;
        }
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue()) == 0;
        }
        return a.equals(b);
    }

    /**
     * The test of documents against {@code fragment}, parsed once; a {@code null} fragment holds for
     * every document, a {@code null} document contains no fragment.
     */
    public static Predicate<Json> containing(Json fragment) {
        if (fragment == null) {
            return document -> true;
        }
        JsonNode wanted = parse(fragment.text());
        return document -> document != null && contains(parse(document.text()), wanted);
    }

    /** The text of one JSON document as Jackson writes it, numbers with the digits they were given. */
    public static String canonical(String text) {
        return parse(text).toString();
    }

    /**
     * Parses one JSON document, numbers as {@link java.math.BigDecimal}.
     *
     * @throws IllegalArgumentException if the text is not JSON; stores keep only valid JSON and the
     *                                  repositories validate fragments, so this means a bug
     */
    public static JsonNode parse(String text) {
        try {
            return READER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage(), e);
        }
    }
}
