package dev.agenthive.core.alert;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agenthive.api.event.Severity;
import dev.agenthive.api.json.Json;
import dev.agenthive.core.json.JsonCodec;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A raised alert as its shared-memory entry holds it; no entry means the alert is clear.
 *
 * @param source    the rule's source when it was raised
 * @param severity  the severity it was raised with
 * @param since     when it was raised
 * @param value     the latest value read while it was raised
 * @param threshold the threshold it was raised above
 * @param clear     the level at or below which it clears
 * @param window    the rule's window as configured, or {@code null} for a level
 * @param owner     the process that raised it (or took it over): the only one that acts on a meter alert,
 *                  since its meters are that process's own
 */
record AlertState(String source, Severity severity, Instant since, double value, double threshold, double clear,
                  String window, String owner) {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    Json toJson(JsonCodec codec) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("source", source);
        fields.put("severity", severity.dbValue());
        fields.put("since", since.toString());
        fields.put("value", number(value));
        fields.put("threshold", number(threshold));
        fields.put("clear", number(clear));
        fields.put("window", window);
        fields.put("owner", owner);
        return codec.object(fields);
    }

    /**
     * Reads an entry's value.
     *
     * @throws IllegalStateException the entry is not an alert state (someone else wrote to the namespace)
     */
    static AlertState fromJson(Json json) {
        JsonNode node;
        try {
            node = MAPPER.readTree(json.text());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("not an alert state: " + json.text(), e);
        }
        if (!node.path("since").isTextual() || !node.path("value").isNumber() || !node.path("threshold").isNumber()) {
            throw new IllegalStateException("not an alert state: " + json.text());
        }
        try {
            return new AlertState(node.path("source").asText(), Severity.parse(node.path("severity").asText()),
                    Instant.parse(node.path("since").asText()), node.path("value").asDouble(),
                    node.path("threshold").asDouble(), node.path("clear").asDouble(),
                    node.path("window").isTextual() ? node.path("window").asText() : null, node.path("owner").asText());
        } catch (RuntimeException e) {
            throw new IllegalStateException("not an alert state: " + json.text(), e);
        }
    }

    AlertState withValue(double newValue) {
        return new AlertState(source, severity, since, newValue, threshold, clear, window, owner);
    }

    AlertState withOwner(String newOwner) {
        return new AlertState(source, severity, since, value, threshold, clear, window, newOwner);
    }

    ActiveAlert toActive(String name) {
        return new ActiveAlert(name, source, severity, since, value, threshold);
    }

    /** A whole number as one ({@code 10}, not {@code 10.0}), so counts read as counts. */
    static Object number(double value) {
        return value == Math.rint(value) && Math.abs(value) < 0x1p53 ? (Object) (long) value : (Object) value;
    }
}
