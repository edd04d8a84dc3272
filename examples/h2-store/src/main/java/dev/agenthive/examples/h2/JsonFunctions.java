package dev.agenthive.examples.h2;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.agenthive.store.jdbc.JsonContainment;

/**
 * JSON containment for H2, which has no JSON operators: Java functions that the V1 migration declares
 * with {@code CREATE ALIAS} and the overlays call in SQL. The rules are the kit's
 * {@link JsonContainment}, PostgreSQL's {@code jsonb @>}, as {@link dev.agenthive.api.json.Json}
 * prescribes for every store (the TCK's JsonContainment contract checks them).
 */
public final class JsonFunctions {
    private JsonFunctions() {
    }

    /** SQL {@code HIVE_JSON_CONTAINS(document, fragment)}: whether {@code document @> fragment}; NULL in, NULL out. */
    public static Boolean jsonContains(String document, String fragment) {
        if (document == null || fragment == null) {
            return null;
        }
        return JsonContainment.contains(document, fragment);
    }

    /** SQL {@code HIVE_JSON_ARRAY_HAS(array, text)}: whether the JSON array holds the string {@code text}. */
    public static Boolean jsonArrayHas(String array, String text) {
        if (array == null || text == null) {
            return null;
        }
        JsonNode document = JsonContainment.parse(array);
        return document.isArray() && JsonContainment.contains(document, JsonNodeFactory.instance.textNode(text));
    }
}
