package dev.agenthive.store.postgres;

import dev.agenthive.api.transfer.Column;
import dev.agenthive.api.transfer.ValueRules;

import java.util.Optional;

/**
 * What PostgreSQL cannot hold that other stores can: the character U+0000. {@code text} refuses it
 * outright, and {@code jsonb} refuses the escape {@code \u0000} in a string (SQLite keeps both).
 * Duplicate keys, which {@code jsonb} would silently fold, are refused for every store by the hive's
 * own JSON rules, so they need no rule here.
 */
final class PostgresValueRules implements ValueRules {

    @Override
    public Optional<String> refusal(Column column, Object value) {
        if (!(value instanceof String text)) {
            return Optional.empty();
        }
        if (text.indexOf('\u0000') >= 0) {
            return Optional.of("PostgreSQL cannot store the character U+0000 in " + column.type().name().toLowerCase()
                    + " (at offset " + text.indexOf('\u0000') + ")");
        }
        return switch (column.type()) {
            case JSON -> nulEscape(text).map(offset ->
                    "PostgreSQL jsonb refuses the escape \\u0000 (at offset " + offset + ")");
            default -> Optional.empty();
        };
    }

    /** The offset of a {@code \u0000} escape inside a JSON string of {@code json}, if there is one. */
    static Optional<Integer> nulEscape(String json) {
        boolean inString = false;
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            if (!inString) {
                inString = c == '"';
            } else if (c == '"') {
                inString = false;
            } else if (c == '\\' && i + 1 < json.length()) {
                if (json.startsWith("u0000", i + 1)) {
                    return Optional.of(i);
                }
                // Skips the escaped character, so that \\u0000 (a backslash, then "u0000") is not taken for one.
                i++;
            }
        }
        return Optional.empty();
    }
}
