package dev.agenthive.store.sqlite;

import dev.agenthive.api.error.InvalidInputException;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * A parsed SQLite storage URL: {@code sqlite:<path>} or {@code jdbc:sqlite:<path>}. The path is
 * resolved against the working directory and normalised once, here, so every later message and
 * {@code location()} names the same absolute file.
 */
public record SqliteUrl(Path path) {
    static final String FIELD = "hive.storage.url";
    private static final String SCHEME = "sqlite:";
    private static final String JDBC_SCHEME = "jdbc:sqlite:";

    /** Whether the URL names the SQLite provider; never throws. */
    public static boolean accepts(String url) {
        if (url == null) {
            return false;
        }
        String lower = url.trim().toLowerCase(Locale.ROOT);
        return lower.startsWith(SCHEME) || lower.startsWith(JDBC_SCHEME);
    }

    /**
     * Parses the URL.
     *
     * @throws InvalidInputException the URL is not a SQLite URL, names no file, or names an
     *                               in-memory or URI-style database this store does not support
     */
    public static SqliteUrl parse(String url) {
        if (!accepts(url)) {
            // Not repeated: a URL that is no SQLite URL may be a server's, with its password.
            throw new InvalidInputException(FIELD, "must start with 'sqlite:' or 'jdbc:sqlite:'");
        }
        String trimmed = url.trim();
        String lower = trimmed.toLowerCase(Locale.ROOT);
        String location = lower.startsWith(JDBC_SCHEME)
                ? trimmed.substring(JDBC_SCHEME.length())
                : trimmed.substring(SCHEME.length());
        if (location.isBlank()) {
            throw new InvalidInputException(FIELD, "must name a database file after 'sqlite:', e.g. sqlite:.hive/agent_hive.db");
        }
        if (location.startsWith(":memory:") || location.startsWith("file:") || location.contains("?")) {
            throw new InvalidInputException(FIELD, "must name a plain database file (no :memory:, file: URI or"
                    + " ?options; settings go in hive.sqlite.*), was '" + location + "'");
        }
        try {
            return new SqliteUrl(Path.of(location).toAbsolutePath().normalize());
        } catch (InvalidPathException e) {
            throw new InvalidInputException(FIELD, "must name a valid file path: " + e.getMessage(), e);
        }
    }

    /** {@code sqlite:} plus the absolute path. */
    public String location() {
        return SCHEME + path;
    }
}
