package dev.agenthive.store.sqlite;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Map;

/**
 * PostgreSQL's {@code jsonb @>} containment, so that a JSON-fragment query gives the same answer on
 * SQLite as on PostgreSQL: objects contain objects key by key, arrays contain arrays element by
 * element (order and repetition ignored), scalars are equal (numbers by value), and only a top-level
 * array may contain a bare scalar. A value never contains one of a different structure.
 */
final class JsonContainment {
    private JsonContainment() {
    }

    /** Whether {@code document @> fragment} holds. */
    static boolean contains(JsonNode document, JsonNode fragment) {
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
}
