package dev.agenthive.importer.claudeflow;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Reads a source row's columns by name, whichever type SQLite's dynamic typing gave the value. */
final class Columns {

    private Columns() {
    }

    /** The column as text, {@code null} if absent or NULL; a BLOB is read as UTF-8. */
    static String text(Map<String, Object> row, String column) {
        Object value = row.get(column);
        if (value == null) {
            return null;
        }
        return value instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : value.toString();
    }

    /** The column as a whole number, {@code null} if absent, NULL or not a number. */
    static Long integer(Map<String, Object> row, String column) {
        Object value = row.get(column);
        if (value instanceof Number number) {
            return number.longValue();
        }
        try {
            return value == null ? null : (long) Double.parseDouble(value.toString().trim());
        } catch (NumberFormatException notANumber) {
            return null;
        }
    }

    /** The column as a real number, {@code null} if absent, NULL or not a number. */
    static Double real(Map<String, Object> row, String column) {
        Object value = row.get(column);
        if (value instanceof Number number) {
            return number.doubleValue();
        }
        try {
            return value == null ? null : Double.parseDouble(value.toString().trim());
        } catch (NumberFormatException notANumber) {
            return null;
        }
    }
}
