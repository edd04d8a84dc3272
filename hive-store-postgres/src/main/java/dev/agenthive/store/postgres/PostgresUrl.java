package dev.agenthive.store.postgres;

import dev.agenthive.api.error.InvalidInputException;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.StringJoiner;

/**
 * A parsed PostgreSQL storage URL: {@code postgresql://user:password@host:port/database?options}
 * or {@code jdbc:postgresql://host:port/database?user=...&password=...&options}. Credentials are
 * split off here, once: the JDBC URL handed to the driver and {@link #location()} never carry the
 * password, and {@link #toString()} is the location.
 *
 * <p>TLS: unless every host is a loopback address, {@code sslmode} defaults to {@code verify-full};
 * a weaker mode is used only when the URL asks for it.
 */
public final class PostgresUrl {
    static final String FIELD = "hive.storage.url";
    private static final String SCHEME = "postgresql://";
    private static final String JDBC_SCHEME = "jdbc:postgresql:";
    private static final int DEFAULT_PORT = 5432;
    private static final Set<String> SSL_MODES = Set.of("disable", "allow", "prefer", "require", "verify-ca", "verify-full");

    private final List<String> hosts;
    private final String database;
    private final String user;
    private final String password;
    private final Map<String, String> options;

    private PostgresUrl(List<String> hosts, String database, String user, String password, Map<String, String> options) {
        this.hosts = List.copyOf(hosts);
        this.database = database;
        this.user = user;
        this.password = password;
        this.options = options;
    }

    /** Whether the URL names the PostgreSQL provider; never throws. */
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
     * @throws InvalidInputException the URL is no PostgreSQL URL, names no host or database, has a
     *                               malformed port or option, or an unknown {@code sslmode}; the
     *                               message never repeats the password
     */
    public static PostgresUrl parse(String url) {
        if (!accepts(url)) {
            throw new InvalidInputException(FIELD, "must start with 'postgresql://' or 'jdbc:postgresql:'");
        }
        String trimmed = url.trim();
        String lower = trimmed.toLowerCase(Locale.ROOT);
        String rest;
        if (lower.startsWith(SCHEME)) {
            rest = trimmed.substring(SCHEME.length());
        } else {
            rest = trimmed.substring(JDBC_SCHEME.length());
            if (!rest.startsWith("//")) {
                throw new InvalidInputException(FIELD, "must name a host: jdbc:postgresql://host[:port]/database");
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
        if (database.isBlank() || database.contains("/")) {
            throw new InvalidInputException(FIELD, "must name one database: postgresql://user@host:port/database");
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
            String value = eq >= 0 ? decode(pair.substring(eq + 1), key) : "";
            switch (key) {
                case "user" -> user = value;
                case "password" -> password = value;
                default -> options.put(key, value);
            }
        }
        if (user == null || user.isBlank()) {
            throw new InvalidInputException(FIELD, "must name a user: postgresql://user@host:port/database");
        }

        List<String> hosts = new ArrayList<>();
        for (String hostPort : authority.split(",")) {
            hosts.add(hostAndPort(hostPort));
        }
        String sslMode = options.get("sslmode");
        if (sslMode == null) {
            options.put("sslmode", hosts.stream().allMatch(PostgresUrl::isLoopback) ? "prefer" : "verify-full");
        } else if (!SSL_MODES.contains(sslMode)) {
            throw new InvalidInputException(FIELD, "sslmode must be one of " + SSL_MODES + ", was '" + sslMode + "'");
        }
        return new PostgresUrl(hosts, database, user, password, options);
    }

    private static String hostAndPort(String hostPort) {
        if (hostPort.isBlank()) {
            throw new InvalidInputException(FIELD, "must name a host: postgresql://user@host:port/database");
        }
        String host = hostPort;
        int port = DEFAULT_PORT;
        int close = hostPort.lastIndexOf(']');
        int colon = hostPort.lastIndexOf(':');
        if (colon > close && (close >= 0 || hostPort.indexOf(':') == colon)) {
            host = hostPort.substring(0, colon);
            String portText = hostPort.substring(colon + 1);
            try {
                port = Integer.parseInt(portText);
            } catch (NumberFormatException e) {
                throw new InvalidInputException(FIELD, "port must be a number, was '" + portText + "'", e);
            }
            if (port < 1 || port > 65535) {
                throw new InvalidInputException(FIELD, "port must be between 1 and 65535, was " + port);
            }
        }
        if (host.isBlank()) {
            throw new InvalidInputException(FIELD, "must name a host: postgresql://user@host:port/database");
        }
        return host + ":" + port;
    }

    private static boolean isLoopback(String hostPort) {
        String host = hostPort.substring(0, hostPort.lastIndexOf(':')).toLowerCase(Locale.ROOT);
        return host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]") || host.equals("::1");
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
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    /** {@code host:port} of each server, in the order the driver tries them. */
    public List<String> hosts() {
        return hosts;
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

    /** Driver options from the URL (credentials removed, {@code sslmode} always present). */
    public Map<String, String> options() {
        return Map.copyOf(options);
    }

    /** The effective {@code sslmode}. */
    public String sslMode() {
        return options.get("sslmode");
    }

    /** The JDBC URL for the driver: hosts, database and options, without user or password. */
    String jdbcUrl() {
        StringJoiner query = new StringJoiner("&", "?", "");
        options.forEach((key, value) -> query.add(encode(key) + "=" + encode(value)));
        return JDBC_SCHEME + "//" + String.join(",", hosts) + "/" + encode(database) + query;
    }

    /** {@code postgresql://user@hosts/database?options}: where the data lives, never with the password. */
    public String location() {
        StringJoiner query = new StringJoiner("&", "?", "");
        options.forEach((key, value) -> query.add(encode(key) + "=" + encode(value)));
        return SCHEME + encode(user) + "@" + String.join(",", hosts) + "/" + encode(database) + query;
    }

    @Override
    public String toString() {
        return location();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PostgresUrl that && hosts.equals(that.hosts) && database.equals(that.database)
                && user.equals(that.user) && Objects.equals(password, that.password) && options.equals(that.options);
    }

    @Override
    public int hashCode() {
        return Objects.hash(hosts, database, user, options);
    }
}
