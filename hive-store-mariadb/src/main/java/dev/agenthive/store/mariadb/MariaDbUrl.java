package dev.agenthive.store.mariadb;

import dev.agenthive.api.error.InvalidInputException;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.StringJoiner;
import java.util.regex.Pattern;

/**
 * A parsed MariaDB or MySQL storage URL: {@code mariadb://user:password@host:port/database?options},
 * or {@code jdbc:mariadb://host:port/database?user=...&password=...&options}, or the same with
 * {@code jdbc:mysql:}. Credentials are split off here, once: the JDBC URL handed to the driver and
 * {@link #location()} never carry the password, and {@link #toString()} is the location. Every form
 * is handed to MariaDB Connector/J, which speaks to MySQL 8 as well.
 *
 * <p>One server only: given several hosts and no failover mode the driver connects to the first and
 * ignores the rest, so a URL naming more is refused instead of half obeyed.
 *
 * <p>TLS: Connector/J 4 insists on a verified TLS connection unless told otherwise. Unless the URL
 * sets {@code sslMode}, a remote server gets {@code verify-full} and a loopback one {@code disable}:
 * that connection never leaves the machine, and a local server often has no certificate (MariaDB
 * before 11.4 has no TLS at all unless configured).
 */
public final class MariaDbUrl {
    static final String FIELD = "hive.storage.url";
    private static final String SCHEME = "mariadb://";
    private static final List<String> JDBC_SCHEMES = List.of("jdbc:mariadb:", "jdbc:mysql:");
    private static final String DRIVER_SCHEME = "jdbc:mariadb://";
    private static final int DEFAULT_PORT = 3306;
    private static final String SSL_MODE = "sslMode";
    private static final List<String> SSL_MODES = List.of("disable", "trust", "verify-ca", "verify-full");
    /** Names the driver sends as they are: nothing in them needs quoting or escaping. */
    private static final Pattern DATABASE = Pattern.compile("[A-Za-z0-9_$-]{1,64}");
    private static final String FORM = "mariadb://user[:password]@host[:port]/database";

    private final String host;
    private final int port;
    private final String database;
    private final String user;
    private final String password;
    private final Map<String, String> options;

    private MariaDbUrl(String host, int port, String database, String user, String password, Map<String, String> options) {
        this.host = host;
        this.port = port;
        this.database = database;
        this.user = user;
        this.password = password;
        this.options = options;
    }

    /** Whether the URL names the MariaDB provider; never throws. */
    public static boolean accepts(String url) {
        return url != null && scheme(url.trim().toLowerCase(Locale.ROOT)) != null;
    }

    private static String scheme(String lowerUrl) {
        if (lowerUrl.startsWith(SCHEME)) {
            return SCHEME;
        }
        return JDBC_SCHEMES.stream().filter(lowerUrl::startsWith).findFirst().orElse(null);
    }

    /**
     * Parses the URL.
     *
     * @throws InvalidInputException the URL is no MariaDB or MySQL URL, names no user, no host, more
     *                               than one host or no database, has a malformed port, database name
     *                               or option, or an unknown {@code sslMode}; the message never repeats
     *                               the password
     */
    public static MariaDbUrl parse(String url) {
        if (!accepts(url)) {
            throw new InvalidInputException(FIELD, "must start with 'mariadb://', 'jdbc:mariadb:' or 'jdbc:mysql:'");
        }
        String trimmed = url.trim();
        String scheme = scheme(trimmed.toLowerCase(Locale.ROOT));
        String rest = trimmed.substring(scheme.length());
        if (!scheme.equals(SCHEME)) {
            if (!rest.startsWith("//")) {
                throw new InvalidInputException(FIELD, rest.contains("//")
                        ? "failover and load-balancing modes are not supported: " + scheme + "//host[:port]/database"
                        : "must name a host: " + scheme + "//host[:port]/database");
            }
            rest = rest.substring(2);
        }
        String query = "";
        int question = rest.indexOf('?');
        if (question >= 0) {
            query = rest.substring(question + 1);
            rest = rest.substring(0, question);
        }
        int slash = rest.indexOf('/');
        String authority = slash >= 0 ? rest.substring(0, slash) : rest;
        String database = slash >= 0 ? decode(rest.substring(slash + 1), "database") : "";
        if (database.isEmpty()) {
            throw new InvalidInputException(FIELD, "must name a database: " + FORM);
        }
        if (!DATABASE.matcher(database).matches()) {
            throw new InvalidInputException(FIELD,
                    "the database name must be 1 to 64 letters, digits, '_', '$' or '-', was '" + database + "'");
        }

        String user = null;
        String password = null;
        int at = authority.lastIndexOf('@');
        if (at >= 0) {
            String userInfo = authority.substring(0, at);
            authority = authority.substring(at + 1);
            int colon = userInfo.indexOf(':');
            user = decode(colon >= 0 ? userInfo.substring(0, colon) : userInfo, "user");
            password = colon >= 0 ? decode(userInfo.substring(colon + 1), "password") : null;
        }

        Map<String, String> options = new LinkedHashMap<>();
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = decode(eq >= 0 ? pair.substring(0, eq) : pair, "option");
            String value = eq >= 0 ? decode(pair.substring(eq + 1), "option " + key) : "";
            // The driver matches option names ignoring case.
            switch (key.toLowerCase(Locale.ROOT)) {
                case "user" -> user = value;
                case "password" -> password = value;
                case "sslmode" -> options.put(SSL_MODE, sslMode(value));
                case "usessl" -> throw new InvalidInputException(FIELD,
                        "set sslMode (one of " + SSL_MODES + ") instead of " + key);
                // Only the driver's jdbc:mysql: form needs it, and the driver is handed jdbc:mariadb:.
                case "permitmysqlscheme" -> {
                }
                default -> {
                    // The driver splits its query at '&' and '=' and decodes nothing.
                    if (key.isBlank() || key.contains("=") || key.contains("&") || value.contains("&")) {
                        throw new InvalidInputException(FIELD, "option '" + key
                                + "' must have a name, no '&' in name or value and no '=' in the name");
                    }
                    options.put(key, value);
                }
            }
        }
        if (user == null || user.isBlank()) {
            throw new InvalidInputException(FIELD, "must name a user: " + FORM);
        }
        if (authority.contains(",")) {
            throw new InvalidInputException(FIELD, "must name one host: failover between hosts is not supported");
        }
        String host = host(authority);
        int port = port(authority);
        options.putIfAbsent(SSL_MODE, isLoopback(host) ? "disable" : "verify-full");
        return new MariaDbUrl(host, port, database, user, password, options);
    }

    private static String sslMode(String value) {
        String mode = value.toLowerCase(Locale.ROOT);
        if (!SSL_MODES.contains(mode)) {
            throw new InvalidInputException(FIELD, "sslMode must be one of " + SSL_MODES + ", was '" + value + "'");
        }
        return mode;
    }

    private static String host(String authority) {
        String host = authority;
        int close = authority.lastIndexOf(']');
        int colon = authority.lastIndexOf(':');
        if (colon > close && (close >= 0 || authority.indexOf(':') == colon)) {
            host = authority.substring(0, colon);
        }
        if (host.isBlank()) {
            throw new InvalidInputException(FIELD, "must name a host: " + FORM);
        }
        if (host.contains(":") && !host.startsWith("[")) {
            throw new InvalidInputException(FIELD, "an IPv6 address must be written in brackets: [address]:port");
        }
        return host;
    }

    private static int port(String authority) {
        int close = authority.lastIndexOf(']');
        int colon = authority.lastIndexOf(':');
        if (colon <= close || (close < 0 && authority.indexOf(':') != colon)) {
            return DEFAULT_PORT;
        }
        String portText = authority.substring(colon + 1);
        int port;
        try {
            port = Integer.parseInt(portText);
        } catch (NumberFormatException e) {
            throw new InvalidInputException(FIELD, "port must be a number, was '" + portText + "'", e);
        }
        if (port < 1 || port > 65535) {
            throw new InvalidInputException(FIELD, "port must be between 1 and 65535, was " + port);
        }
        return port;
    }

    private static boolean isLoopback(String host) {
        String lower = host.toLowerCase(Locale.ROOT);
        return lower.equals("localhost") || lower.startsWith("127.") || lower.equals("[::1]");
    }

    private static String decode(String text, String what) {
        try {
            return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            // The text may be the password: the message names only what was malformed.
            throw new InvalidInputException(FIELD, "the " + what + " has a malformed %-escape");
        }
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** The server's host name or address ({@code [..]} around an IPv6 address). */
    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    public String database() {
        return database;
    }

    public String user() {
        return user;
    }

    /** The password, or {@code null}; for the data source only, never for messages. */
    String password() {
        return password;
    }

    /** Driver options from the URL (credentials removed, {@code sslMode} always present). */
    public Map<String, String> options() {
        return Map.copyOf(options);
    }

    /** The effective {@code sslMode}. */
    public String sslMode() {
        return options.get(SSL_MODE);
    }

    /** The JDBC URL for MariaDB Connector/J: host, port, database and options, without user or password. */
    String jdbcUrl() {
        StringJoiner query = new StringJoiner("&", "?", "");
        options.forEach((key, value) -> query.add(key + "=" + value));
        return DRIVER_SCHEME + host + ":" + port + "/" + database + query;
    }

    /** {@code mariadb://user@host:port/database?options}: where the data lives, never with the password. */
    public String location() {
        StringJoiner query = new StringJoiner("&", "?", "");
        options.forEach((key, value) -> query.add(encode(key) + "=" + encode(value)));
        return SCHEME + encode(user) + "@" + host + ":" + port + "/" + database + query;
    }

    @Override
    public String toString() {
        return location();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof MariaDbUrl that && host.equals(that.host) && port == that.port
                && database.equals(that.database) && user.equals(that.user)
                && Objects.equals(password, that.password) && options.equals(that.options);
    }

    @Override
    public int hashCode() {
        return Objects.hash(host, port, database, user, options);
    }
}
