package dev.agenthive.core.transfer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.agenthive.api.transfer.Column;
import dev.agenthive.api.transfer.TableSpec;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The canonical form of a row, the same whichever store it was read from: JSON compared by value
 * (keys sorted, numbers by their value so that {@code 1.0}, {@code 1} and {@code 1e0} agree, as
 * PostgreSQL's {@code jsonb} normalises them), instants to the microsecond, and its SHA-256.
 * Thread-safe.
 */
final class CanonicalRows {
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
            .build();

    private CanonicalRows() {
    }

    /** The SHA-256 of the row's canonical text. */
    static byte[] hash(TableSpec table, List<Object> row) {
        MessageDigest digest = sha256();
        digest.update(text(table, row).getBytes(StandardCharsets.UTF_8));
        return digest.digest();
    }

    /** The row's canonical text: each column's name and canonical value, length-prefixed. */
    static String text(TableSpec table, List<Object> row) {
        StringBuilder out = new StringBuilder(64 * row.size());
        for (int i = 0; i < row.size(); i++) {
            Column column = table.columns().get(i);
            String value = value(column, row.get(i));
            out.append(column.name()).append(value == null ? "=-" : "=" + value.length() + ":" + value).append(';');
        }
        return out.toString();
    }

    /** A key's values as one printable string, e.g. {@code [a1]} or {@code [system, null, hive, limits]}. */
    static String key(List<Object> key) {
        List<String> parts = new ArrayList<>(key.size());
        for (Object value : key) {
            parts.add(String.valueOf(value));
        }
        return parts.toString();
    }

    private static String value(Column column, Object value) {
        if (value == null) {
            return null;
        }
        return switch (column.type()) {
            case TEXT -> (String) value;
            case INTEGER -> Long.toString((Long) value);
            case REAL -> Double.toString((Double) value);
            case INSTANT -> micros((Instant) value);
            case JSON -> json((String) value);
        };
    }

    private static String micros(Instant instant) {
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000)
                + "us";
    }

    /** JSON by value; text that is not JSON stays as it is (it then differs from any parsed form). */
    static String json(String text) {
        JsonNode node;
        try {
            node = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            return "invalid:" + text;
        }
        StringBuilder out = new StringBuilder(text.length());
        canonical(node, out);
        return out.toString();
    }

    private static void canonical(JsonNode node, StringBuilder out) {
        if (node.isObject()) {
            List<Map.Entry<String, JsonNode>> fields = new ArrayList<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                fields.add(it.next());
            }
            fields.sort(Map.Entry.comparingByKey());
            out.append('{');
            for (int i = 0; i < fields.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                out.append(new TextNode(fields.get(i).getKey())).append(':');
                canonical(fields.get(i).getValue(), out);
            }
            out.append('}');
        } else if (node.isArray()) {
            out.append('[');
            for (int i = 0; i < node.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                canonical(node.get(i), out);
            }
            out.append(']');
        } else if (node.isNumber()) {
            BigDecimal number = node.decimalValue();
            out.append(number.signum() == 0 ? "0" : number.stripTrailingZeros().toString());
        } else {
            out.append(node);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
