package dev.agenthive.importer.leanvibe;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Objects;

/**
 * Turns LeanVibe's stored values into the hive's: times into {@link Instant}s, JSON text into
 * checked JSON. A value that cannot be read throws {@link IllegalArgumentException} naming the
 * column, and the row it came from is rejected with that message.
 *
 * @param zone the zone of LeanVibe's naive local times ({@code datetime.now().isoformat()})
 */
record LeanVibeValues(ZoneId zone) {

    static final ObjectMapper JSON = new ObjectMapper();

    LeanVibeValues {
        Objects.requireNonNull(zone, "zone is null");
    }

    /**
     * A time as LeanVibe stores it: ISO text without an offset (local time in {@link #zone}), ISO
     * text with an offset, or epoch seconds as a number or numeric text ({@code time.time()});
     * {@code null} for {@code null}. Truncated to the hive's millisecond precision.
     */
    Instant time(Object value, String column) {
        if (value == null) {
            return null;
        }
        if (value instanceof Number number) {
            return epochSeconds(number.doubleValue());
        }
        String text = value.toString().trim();
        try {
            return epochSeconds(Double.parseDouble(text));
        } catch (NumberFormatException notANumber) {
            // ISO text, below.
        }
        try {
            String iso = text.replace(' ', 'T');
            if (iso.endsWith("Z") || iso.matches(".*[+-]\\d\\d:?\\d\\d$")) {
                return OffsetDateTime.parse(iso).toInstant().truncatedTo(ChronoUnit.MILLIS);
            }
            return LocalDateTime.parse(iso).atZone(zone).toInstant().truncatedTo(ChronoUnit.MILLIS);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException(column + " is not a time: '" + text + "'", e);
        }
    }

    /** Like {@link #time} but a missing time is an error. */
    Instant requiredTime(Object value, String column) {
        Instant time = time(value, column);
        if (time == null) {
            throw new IllegalArgumentException(column + " is missing");
        }
        return time;
    }

    private static Instant epochSeconds(double seconds) {
        if (!Double.isFinite(seconds)) {
            throw new IllegalArgumentException("not a finite epoch time: " + seconds);
        }
        return Instant.ofEpochMilli(Math.round(seconds * 1000));
    }

    /** The JSON in {@code text}; {@code null} for {@code null}. */
    static JsonNode json(Object text, String column) {
        if (text == null) {
            return null;
        }
        String value = text.toString();
        try {
            return JSON.readTree(value);
        } catch (JsonProcessingException e) {
            // LeanVibe writes str(obj) in places where it meant json.dumps(obj); say so, it is the usual cause.
            String hint = value.startsWith("{'") || value.startsWith("['") ? " (a Python repr?)" : "";
            throw new IllegalArgumentException(column + " is not JSON" + hint + ": " + e.getOriginalMessage(), e);
        }
    }

    /** The JSON object in {@code text}; {@code null} for {@code null}. */
    static ObjectNode jsonObject(Object text, String column) {
        JsonNode node = json(text, column);
        if (node == null) {
            return null;
        }
        if (!(node instanceof ObjectNode object)) {
            throw new IllegalArgumentException(column + " is JSON but not an object: " + node.getNodeType());
        }
        return object;
    }

    /** The JSON text of {@code node}. */
    static String text(JsonNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serializes", e);
        }
    }

    /**
     * A source row as a JSON object, the columns named in {@code jsonColumns} parsed (so that the
     * hive holds {@code {"metadata": {...}}} rather than a string of JSON).
     */
    static ObjectNode rowObject(Map<String, Object> values, String... jsonColumns) {
        ObjectNode object = JSON.createObjectNode();
        values.forEach((column, value) -> object.set(column, JSON.valueToTree(value)));
        for (String column : jsonColumns) {
            Object value = values.get(column);
            if (value != null) {
                object.set(column, json(value, column));
            }
        }
        return object;
    }
}
