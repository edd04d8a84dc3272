package dev.agenthive.bench;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.StringJoiner;

/** What the floor derives from a JSON text without parsing it, and the SQL text it shares across stores. */
final class FloorJson {
    /** Both counts of {@link Floor.SnapshotCounts}, in one row. */
    static final String SNAPSHOT_COUNTS =
            "SELECT (SELECT COUNT(*) FROM memory_snapshots), (SELECT COUNT(*) FROM memory_snapshot_contents)";

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

    /** SHA-256 of {@code utf8}, lower-case hex: the key of a snapshot content row. */
    static String sha256(byte[] utf8) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(utf8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /**
     * The insert of a snapshot content row held in the row: parameters hash, content, size (and the
     * time, if {@code time} is a placeholder); {@code content} and {@code time} are those columns' values.
     */
    static String snapshotContentInsert(String content, String time) {
        return "INSERT INTO memory_snapshot_contents (content_hash, content, size_bytes, compressed_size, location, "
                + "created_at) VALUES (?, " + content + ", ?, NULL, 'row', " + time + ") "
                + "ON CONFLICT (content_hash) DO NOTHING";
    }

    /** The insert of a snapshot row: parameters id, agent, memory type, importance, hash, size (and the time). */
    static String snapshotInsert(String time) {
        return "INSERT INTO memory_snapshots (id, agent_id, session_id, memory_type, importance, content_hash, "
                + "size_bytes, created_at) VALUES (?, ?, NULL, ?, ?, ?, ?, " + time + ")";
    }

    /** The content of snapshot {@code ?}, read as {@code content}, e.g. {@code c.content::text}. */
    static String snapshotContentSelect(String content) {
        return "SELECT " + content + " FROM memory_snapshots s "
                + "JOIN memory_snapshot_contents c ON c.content_hash = s.content_hash WHERE s.id = ?";
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
