package dev.agenthive.examples.h2;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.Map;

/**
 * JSON containment for H2, which has no JSON operators: Java functions that the V1 migration declares
 * with {@code CREATE ALIAS} and the overlays call in SQL. The rules are PostgreSQL's {@code jsonb @>},
 * as {@link dev.agenthive.api.json.Json} prescribes for every store (the TCK's JsonContainment
 * contract checks them): objects contain objects key by key, arrays contain arrays element by
 * element (order and repetition ignored), scalars are equal (numbers by value), and only a top-level
 * array may contain a bare scalar.
 */
public final class JsonFunctions {
    // Thread-safe once built; H2 calls the functions from every connection's thread.
    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonFunctions() {
    }

    /** SQL {@code HIVE_JSON_CONTAINS(document, fragment)}: whether {@code document @> fragment}; NULL in, NULL out. */
    public static Boolean jsonContains(String document, String fragment) {
        if (document == null || fragment == null) {
            return null;
        }
        return contains(parse(document), parse(fragment));
    }

    /** SQL {@code HIVE_JSON_ARRAY_HAS(array, text)}: whether the JSON array holds the string {@code text}. */
    public static Boolean jsonArrayHas(String array, String text) {
        if (array == null || text == null) {
            return null;
        }
        JsonNode document = parse(array);
        return document.isArray() && hasEqualScalar(document, JSON.getNodeFactory().textNode(text));
    }

    private static JsonNode parse(String text) {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            // Columns are CHECKed IS JSON and fragments validated by the repositories: only a bug gets here.
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static boolean contains(JsonNode document, JsonNode fragment) {
        if (fragment.isContainerNode()) {
            return sameStructure(document, fragment) && containerContains(document, fragment);
        }
        return document.isArray() ? hasEqualScalar(document, fragment) : scalarsEqual(document, fragment);
    }

    private static boolean containerContains(JsonNode document, JsonNode fragment) {
        if (fragment.isObject()) {
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
}
