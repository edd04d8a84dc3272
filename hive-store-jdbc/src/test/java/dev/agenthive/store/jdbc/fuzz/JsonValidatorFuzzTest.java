package dev.agenthive.store.jdbc.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.agenthive.api.error.InvalidInputException;
import dev.agenthive.api.json.Json;
import dev.agenthive.store.jdbc.JsonLimits;
import dev.agenthive.store.jdbc.JsonValidator;

import java.util.Iterator;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fuzzes the store port's JSON check against a reference model built from Jackson's tree parser and
 * PostgreSQL's documented limits: the check accepts exactly the texts the model accepts, and refuses the others only with an
 * {@link InvalidInputException} naming the field. Small limits so that the fuzzer reaches them.
 * In {@code mvn verify} it replays the seeds under {@code src/test/resources}; with
 * {@code JAZZER_FUZZ=1} it fuzzes.
 */
class JsonValidatorFuzzTest {
    private static final int DEPTH = 4;
    private static final int BYTES = 256;
    private static final String FIELD = "fuzz.json";

    private static final JsonValidator VALIDATOR = new JsonValidator(new JsonLimits(DEPTH, BYTES));
    private static final ObjectMapper MODEL = JsonMapper.builder()
            .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    static {
        MODEL.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(10_000).build());
    }

    @FuzzTest(maxDuration = "10m")
    void portCheckAgreesWithTheModel(FuzzedDataProvider data) {
        String text = data.consumeRemainingAsString();
        boolean expected = acceptedByModel(text);
        boolean accepted;
        try {
            VALIDATOR.check(text, FIELD);
            accepted = true;
        } catch (InvalidInputException e) {
            assertThat(e.field()).isEqualTo(FIELD);
            assertThat(e.rule()).isNotBlank();
            accepted = false;
        }
        assertThat(accepted).as("accepted %s", text).isEqualTo(expected);
        if (accepted) {
            assertThat(VALIDATOR.requireValidArgument(Json.of(text), FIELD).text()).isEqualTo(text);
        }
    }

    /** RFC 8259 as Jackson reads it, within the limits, no repeated key, no U+0000. */
    private static boolean acceptedByModel(String text) {
        if (utf8Length(text) > BYTES) {
            return false;
        }
        JsonNode tree;
        try (JsonParser parser = MODEL.createParser(text)) {
            tree = MODEL.readTree(parser);
            if (tree == null || parser.nextToken() != null) {
                return false;
            }
        } catch (Exception e) {
            return false;
        }
        return tree != null && !tree.isMissingNode() && depth(tree) <= DEPTH && !hasNul(tree) && numbersFitNumeric(tree);
    }

    /** PostgreSQL's numeric: at most 131072 digits before the decimal point and 16383 after; zero has none before. */
    private static boolean numbersFitNumeric(JsonNode node) {
        if (node.isNumber()) {
            java.math.BigDecimal value = node.decimalValue();
            return value.scale() <= 16_383 && (value.signum() == 0 || value.precision() - value.scale() <= 131_072);
        }
        for (JsonNode child : node) {
            if (!numbersFitNumeric(child)) {
                return false;
            }
        }
        return true;
    }

    private static int depth(JsonNode node) {
        if (!node.isContainerNode()) {
            return 0;
        }
        int deepest = 0;
        for (JsonNode child : node) {
            deepest = Math.max(deepest, depth(child));
        }
        return deepest + 1;
    }

    private static boolean hasNul(JsonNode node) {
        if (node.isTextual()) {
            return unstorable(node.textValue());
        }
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                if (unstorable(field.getKey()) || hasNul(field.getValue())) {
                    return true;
                }
            }
            return false;
        }
        for (JsonNode child : node) {
            if (hasNul(child)) {
                return true;
            }
        }
        return false;
    }

    /** U+0000, or a surrogate that is not half of a pair. */
    private static boolean unstorable(String text) {
        int[] units = text.chars().toArray();
        for (int i = 0; i < units.length; i++) {
            if (units[i] == 0) {
                return true;
            }
            if (units[i] >= 0xD800 && units[i] <= 0xDBFF && i + 1 < units.length && units[i + 1] >= 0xDC00 && units[i + 1] <= 0xDFFF) {
                i++;
            } else if (units[i] >= 0xD800 && units[i] <= 0xDFFF) {
                return true;
            }
        }
        return false;
    }

    /** UTF-8 bytes, a lone surrogate counted as the 3-byte U+FFFD a database would keep. */
    private static long utf8Length(String text) {
        long bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : 3;
            }
        }
        return bytes;
    }
}
