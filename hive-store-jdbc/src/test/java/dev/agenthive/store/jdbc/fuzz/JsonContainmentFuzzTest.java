package dev.agenthive.store.jdbc.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.agenthive.store.jdbc.JsonContainment;

import java.util.Iterator;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fuzzes {@link JsonContainment}, the {@code jsonb @>} rules SQLite's {@code hive_json_contains} and
 * the kit's row check apply, against a reference model written from PostgreSQL's documentation.
 * Documents and fragments are built from the fuzzer's bytes out of few keys, strings and numbers
 * written several ways ({@code 1}, {@code 1.0}, {@code 1e0}, <code>"&#92;u0061"</code>), so that they often
 * contain each other. In {@code mvn verify} it replays the seeds under {@code src/test/resources};
 * with {@code JAZZER_FUZZ=1} it fuzzes.
 */
class JsonContainmentFuzzTest {
    private static final String[] NUMBERS = {"0", "-0", "1", "1.0", "1e0", "10E-1", "0.5", "5e-1", "2", "100", "1E2", "-1"};
    private static final String[] STRINGS = {"\"a\"", "\"\\u0061\"", "\"b\"", "\"\"", "\"A\"", "\"1\""};
    private static final String[] KEYS = {"a", "b", "c"};
    private static final int MAX_DEPTH = 4;

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    @FuzzTest(maxDuration = "10m")
    void containmentAgreesWithTheModel(FuzzedDataProvider data) throws Exception {
        String fragment = generate(data, data.consumeInt(0, MAX_DEPTH));
        String document = generate(data, data.consumeInt(0, MAX_DEPTH));
        JsonNode documentTree = MAPPER.readTree(document);
        JsonNode fragmentTree = MAPPER.readTree(fragment);

        assertThat(JsonContainment.contains(document, fragment))
                .as("%s @> %s", document, fragment)
                .isEqualTo(contains(documentTree, fragmentTree, true));
        assertThat(JsonContainment.contains(document, document)).as("%s @> itself", document).isTrue();
        assertThat(JsonContainment.contains(JsonContainment.canonical(document), fragment))
                .as("canonical %s @> %s", document, fragment)
                .isEqualTo(JsonContainment.contains(document, fragment));
    }

    /** A JSON text of at most {@code depth} levels from the fuzzer's bytes. */
    private static String generate(FuzzedDataProvider data, int depth) {
        int kind = data.consumeInt(0, depth > 0 ? 6 : 4);
        switch (kind) {
            case 0:
                return data.pickValue(new String[]{"null", "true", "false"});
            case 1:
            case 2:
                return data.pickValue(NUMBERS);
            case 3:
            case 4:
                return data.pickValue(STRINGS);
            case 5: {
                StringBuilder array = new StringBuilder("[");
                int size = data.consumeInt(0, 3);
                for (int i = 0; i < size; i++) {
                    array.append(i == 0 ? "" : ",").append(generate(data, depth - 1));
                }
                return array.append(']').toString();
            }
            default: {
                StringBuilder object = new StringBuilder("{");
                int size = data.consumeInt(0, 3);
                for (int i = 0; i < size; i++) {
                    object.append(i == 0 ? "" : ",").append('"').append(data.pickValue(KEYS)).append("\":")
                            .append(generate(data, depth - 1));
                }
                return object.append('}').toString();
            }
        }
    }

    /**
     * PostgreSQL's {@code @>}: an object contains an object whose every key it has with a contained
     * value; an array contains an array each of whose elements is contained in one of its elements
     * (a scalar equal to one of its scalars, a container in one of its containers of the same
     * kind); a scalar contains an equal scalar; and, at the top level only, an array contains a
     * scalar equal to one of its elements.
     */
    static boolean contains(JsonNode document, JsonNode fragment, boolean topLevel) {
        if (fragment.isObject()) {
            if (!document.isObject()) {
                return false;
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = fragment.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                JsonNode value = document.get(field.getKey());
                if (value == null || !contains(value, field.getValue(), false)) {
                    return false;
                }
            }
            return true;
        }
        if (fragment.isArray()) {
            if (!document.isArray()) {
                return false;
            }
            for (JsonNode wanted : fragment) {
                boolean found = false;
                for (JsonNode element : document) {
                    found |= wanted.isContainerNode()
                            ? element.isContainerNode() && contains(element, wanted, false)
                            : !element.isContainerNode() && equalScalars(element, wanted);
                }
                if (!found) {
                    return false;
                }
            }
            return true;
        }
        if (document.isArray()) {
            if (!topLevel) {
                return false;
            }
            for (JsonNode element : document) {
                if (!element.isContainerNode() && equalScalars(element, fragment)) {
                    return true;
                }
            }
            return false;
        }
        return !document.isContainerNode() && equalScalars(document, fragment);
    }

    private static boolean equalScalars(JsonNode a, JsonNode b) {
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue()) == 0;
        }
        if (a.isTextual() && b.isTextual()) {
            return a.textValue().equals(b.textValue());
        }
        if (a.isBoolean() && b.isBoolean()) {
            return a.booleanValue() == b.booleanValue();
        }
        return a.isNull() && b.isNull();
    }
}
