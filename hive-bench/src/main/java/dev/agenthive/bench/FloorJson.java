package dev.agenthive.bench;

import java.nio.charset.StandardCharsets;
import java.util.StringJoiner;

/** What the floor derives from a JSON text without parsing it, and the SQL text it shares across stores. */
final class FloorJson {
    private FloorJson() {
    }

    /** The shared-memory data type of a well-formed JSON text, from its first character. */
    static String type(String json) {
        char first = json.strip().charAt(0);
        return switch (first) {
            case '{' -> "object";
            case '[' -> "array";
            case '"' -> "string";
            case 't', 'f' -> "boolean";
            case 'n' -> "null";
            default -> "number";
        };
    }

    static int utf8Length(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }

    /** A multi-row insert of {@code rows} events; {@code details} and {@code time} are the placeholders of those columns. */
    static String eventInsert(int rows, String details, String time) {
        StringJoiner values = new StringJoiner(", ",
                "INSERT INTO events (id, type, severity, agent_id, correlation_id, details, occurred_at) VALUES ", "");
        for (int i = 0; i < rows; i++) {
            values.add("(?, ?, ?, ?, NULL, " + details + ", " + time + ")");
        }
        return values.toString();
    }
}
