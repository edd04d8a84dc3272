package dev.agenthive.examples.h2;

import dev.agenthive.api.error.InvalidInputException;

import java.util.Locale;

/**
 * A storage URL of the H2 store: {@code h2:mem:name} or {@code h2:file:/path/name}, optionally with a
 * {@code jdbc:} prefix. H2's own {@code ;SETTING=value} suffixes are refused: the store sets the
 * settings its SQL relies on, and a compatibility mode would change what that SQL means.
 *
 * @param database {@code mem:name} or {@code file:path}
 */
public record H2Url(String database) {
    /** The setting every refusal names. */
    public static final String FIELD = "hive.storage.url";

    /** Whether the URL is one of the store's forms; never throws. */
    public static boolean accepts(String url) {
        if (url == null) {
            return false;
        }
        String lower = url.trim().toLowerCase(Locale.ROOT);
        return lower.startsWith("h2:") || lower.startsWith("jdbc:h2:");
    }

    /**
     * Parses the URL.
     *
     * @throws InvalidInputException the URL is not {@code h2:mem:name} or {@code h2:file:path}, or carries settings
     */
    public static H2Url parse(String url) {
        if (!accepts(url)) {
            throw new InvalidInputException(FIELD, "must start with 'h2:' or 'jdbc:h2:'");
        }
        String trimmed = url.trim();
        String database = trimmed.substring(trimmed.toLowerCase(Locale.ROOT).startsWith("jdbc:") ? 8 : 3);
        String lower = database.toLowerCase(Locale.ROOT);
        if (!(lower.startsWith("mem:") || lower.startsWith("file:")) || database.indexOf(':') == database.length() - 1) {
            throw new InvalidInputException(FIELD, "must be h2:mem:name or h2:file:/path/name");
        }
        if (database.contains(";")) {
            throw new InvalidInputException(FIELD, "must not carry ';' settings: the store sets its own");
        }
        return new H2Url(database);
    }

    /**
     * The driver's URL with the settings the shared SQL needs: VALUE and KEY are column names there,
     * not keywords; and text compares by its UTF-8 bytes, that is by code point, as on the other stores
     * (H2 compares Java's UTF-16 units by default, which puts U+10000 before U+FFFF and breaks the
     * shared-memory prefix ranges). A collation can only be chosen before the first table exists, so it
     * is set as each connection opens; on a database that has it already, that changes nothing.
     */
    public String jdbcUrl() {
        return "jdbc:h2:" + database + ";NON_KEYWORDS=VALUE,KEY;INIT=SET COLLATION CHARSET_UTF8";
    }

    /** {@code h2:mem:name} or {@code h2:file:path}. */
    public String location() {
        return "h2:" + database;
    }
}
