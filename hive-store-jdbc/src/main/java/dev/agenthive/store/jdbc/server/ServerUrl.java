package dev.agenthive.store.jdbc.server;

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
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;

/**
 * A parsed storage URL of a database server, in the store's own form
 * {@code <scheme>://user:password@host:port,host:port/database?options} or in its driver's form
 * {@code jdbc:<driver>://host:port/database?user=...&password=...&options}. Credentials are split off
 * here, once: {@link #jdbcUrl}, {@link #location()} and {@link #toString()} never carry the password,
 * and no message about a malformed URL repeats it. The user information ends at the <em>last</em>
 * {@code @} of the authority, so a password may hold {@code @} and {@code :}; the core's redaction of
 * URLs in messages reads it the same way. Options whose key looks secret ({@link #isSecretOption},
 * e.g. {@code sslpassword}) go to the driver but are masked in {@link #location()}.
 */
public final class ServerUrl {
    /** The setting every refusal names. */
    public static final String FIELD = "hive.storage.url";
    private static final String MASK = "***";
    /** Parts of a normalised option key (lower case, without {@code _ - .}) that mark a secret. */
    private static final List<String> SECRET_KEY_PARTS = List.of("passw", "pwd", "secret", "token", "credential",
            "apikey", "accesskey", "privatekey");

    private final Syntax syntax;
    private final List<String> hosts;
    private final String database;
    private final String user;
    private final String password;
    private final Map<String, String> options;
    private final Tls tls;

    private ServerUrl(Syntax syntax, List<String> hosts, String database, String user, String password,
                      Map<String, String> options, Tls tls) {
        this.syntax = syntax;
        this.hosts = List.copyOf(hosts);
        this.database = database;
        this.user = user;
        this.password = password;
        this.options = new LinkedHashMap<>(options);
        this.tls = tls;
    }

    /** The TLS option of a store and its modes that leave the connection unencrypted or the server unchecked. */
    private record Tls(String option, Set<String> weakModes) {
    }

    /**
     * The URL forms of one store.
     *
     * @param scheme      the store's scheme, e.g. {@code "postgresql"} for {@code postgresql://...}
     * @param jdbcSchemes the driver's prefixes, e.g. {@code "jdbc:postgresql:"}
     * @param defaultPort the port of a host named without one
     */
    public record Syntax(String scheme, List<String> jdbcSchemes, int defaultPort) {
        public Syntax {
            Objects.requireNonNull(scheme, "scheme is null");
            jdbcSchemes = List.copyOf(jdbcSchemes);
        }

        /** Whether the URL is in one of these forms; never throws. */
        public boolean accepts(String url) {
            if (url == null) {
                return false;
            }
            String lower = url.trim().toLowerCase(Locale.ROOT);
            return lower.startsWith(scheme + "://") || jdbcSchemes.stream().anyMatch(lower::startsWith);
        }

        /**
         * Parses the URL.
         *
         * @throws InvalidInputException the URL is in none of the forms, names no host, user or
         *                               database, or has a malformed port or %-escape
         */
        public ServerUrl parse(String url) {
            if (!accepts(url)) {
                throw new InvalidInputException(FIELD, "must start with '" + scheme + "://'"
                        + jdbcSchemes.stream().map(prefix -> " or '" + prefix + "'").reduce("", String::concat));
            }
            String trimmed = url.trim();
            String lower = trimmed.toLowerCase(Locale.ROOT);
            String rest;
            if (lower.startsWith(scheme + "://")) {
                rest = trimmed.substring(scheme.length() + 3);
            } else {
                String prefix = jdbcSchemes.stream().filter(lower::startsWith).findFirst().orElseThrow();
                rest = trimmed.substring(prefix.length());
                if (!rest.startsWith("//")) {
                    throw new InvalidInputException(FIELD, "must name a host: " + prefix + "//host[:port]/database");
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
                throw new InvalidInputException(FIELD, "must name one database: " + example());
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
                throw new InvalidInputException(FIELD, "must name a user: " + example());
            }

            List<String> hosts = new ArrayList<>();
            // -1 keeps empty parts: "," or "db1," must not pass as no host or one.
            for (String hostPort : authority.split(",", -1)) {
                hosts.add(hostAndPort(hostPort));
            }
            return new ServerUrl(this, hosts, database, user, password, options, null);
        }

        private String hostAndPort(String hostPort) {
            if (hostPort.isBlank()) {
                throw new InvalidInputException(FIELD, "must name a host: " + example());
            }
            String host = hostPort;
            int port = defaultPort;
            int close = hostPort.lastIndexOf(']');
            int colon = hostPort.lastIndexOf(':');
            if (colon > close && (close >= 0 || hostPort.indexOf(':') == colon)) {
                host = hostPort.substring(0, colon);
                String portText = hostPort.substring(colon + 1);
                try {
                    port = Integer.parseInt(portText);
                } catch (NumberFormatException e) {
                    // Not repeated: in 'user:password/db' (the '@host' forgotten) the "port" is the password.
                    throw new InvalidInputException(FIELD, "port must be a number: " + example(), e);
                }
                if (port < 1 || port > 65535) {
                    throw new InvalidInputException(FIELD, "port must be between 1 and 65535, was " + port);
                }
            }
            if (host.isBlank()) {
                throw new InvalidInputException(FIELD, "must name a host: " + example());
            }
            return host + ":" + port;
        }

        private String example() {
            return scheme + "://user@host:port/database";
        }
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

    /** The same URL with one more driver option, e.g. a store's TLS default. */
    public ServerUrl withOption(String key, String value) {
        Map<String, String> more = new LinkedHashMap<>(options);
        more.put(key, value);
        return new ServerUrl(syntax, hosts, database, user, password, more, tls);
    }

    /**
     * The same URL with its TLS option settled: a mode the URL sets must be one of {@code modes}; an
     * absent one becomes {@code loopbackDefault} where every host is this machine, since that traffic
     * never leaves it and a local server often has no certificate, and {@code remoteDefault} elsewhere.
     *
     * {@code weakModes} are the modes that leave the traffic unencrypted or the server's identity
     * unchecked; {@link #weakTransport()} warns of them off loopback.
     *
     * @throws InvalidInputException the URL sets a mode not in {@code modes}
     */
    public ServerUrl withTlsDefault(String option, Set<String> modes, Set<String> weakModes, String loopbackDefault,
                                    String remoteDefault) {
        Tls settled = new Tls(Objects.requireNonNull(option, "option is null"), Set.copyOf(weakModes));
        String mode = options.get(option);
        if (mode == null) {
            return new ServerUrl(syntax, hosts, database, user, password, options, settled)
                    .withOption(option, onlyLoopbackHosts() ? loopbackDefault : remoteDefault);
        }
        if (!modes.contains(mode)) {
            throw new InvalidInputException(FIELD, option + " must be one of " + modes + ", was '" + mode + "'");
        }
        return new ServerUrl(syntax, hosts, database, user, password, options, settled);
    }

    /**
     * A warning when the connection's TLS mode (settled by {@link #withTlsDefault}) is a weak one and a
     * host is not this machine: the password and the data then cross a network unencrypted, or go to
     * a server whose identity nobody checked. Empty on loopback, for a strong mode, or when no TLS
     * option was settled.
     */
    public Optional<String> weakTransport() {
        if (tls == null || onlyLoopbackHosts()) {
            return Optional.empty();
        }
        String mode = options.get(tls.option());
        if (!tls.weakModes().contains(mode)) {
            return Optional.empty();
        }
        List<String> remote = hosts.stream().filter(hostPort -> !isLoopback(hostPort)).toList();
        return Optional.of(syntax.scheme() + " store at " + String.join(",", remote) + " uses " + tls.option() + "="
                + mode + ": the credentials and the data cross the network unencrypted or to an unauthenticated "
                + "server; use " + tls.option() + "=verify-full");
    }

    /** Whether every host is this machine (a loopback name or address), so that traffic never leaves it. */
    public boolean onlyLoopbackHosts() {
        return hosts.stream().allMatch(ServerUrl::isLoopback);
    }

    private static boolean isLoopback(String hostPort) {
        String host = hostPort.substring(0, hostPort.lastIndexOf(':')).toLowerCase(Locale.ROOT);
        return host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]") || host.equals("::1");
    }

    /**
     * Whether a driver option's key names a secret (a key file's password, a token): after lower-casing
     * and dropping {@code _}, {@code -} and {@code .}, it contains {@code passw}, {@code pwd},
     * {@code secret}, {@code token}, {@code credential}, {@code apikey}, {@code accesskey} or
     * {@code privatekey}. {@code sslkey} and {@code sslcert} name files and are no secret.
     */
    public static boolean isSecretOption(String key) {
        String normal = key.trim().toLowerCase(Locale.ROOT).replaceAll("[_.\\-]", "");
        return SECRET_KEY_PARTS.stream().anyMatch(normal::contains);
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

    /** The password, or {@code null}; for the driver's data source only, never for messages. */
    public String password() {
        return password;
    }

    /** Driver options from the URL, credentials removed. */
    public Map<String, String> options() {
        return Map.copyOf(options);
    }

    /** The URL for the driver: {@code jdbcScheme//hosts/database?options}, without user or password. */
    public String jdbcUrl(String jdbcScheme) {
        return jdbcScheme + "//" + String.join(",", hosts) + "/" + encode(database) + query(false);
    }

    /**
     * {@code scheme://user@hosts/database?options}: where the data lives, never with the password, and
     * with the value of every {@linkplain #isSecretOption secret option} masked.
     */
    public String location() {
        return syntax.scheme() + "://" + encode(user) + "@" + String.join(",", hosts) + "/" + encode(database)
                + query(true);
    }

    private String query(boolean maskSecrets) {
        StringJoiner query = new StringJoiner("&", "?", "");
        query.setEmptyValue("");
        options.forEach((key, value) -> query.add(encode(key) + "="
                + (maskSecrets && isSecretOption(key) ? MASK : encode(value))));
        return query.toString();
    }

    @Override
    public String toString() {
        return location();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ServerUrl that && syntax.equals(that.syntax) && hosts.equals(that.hosts)
                && database.equals(that.database) && user.equals(that.user) && Objects.equals(password, that.password)
                && options.equals(that.options);
    }

    @Override
    public int hashCode() {
        return Objects.hash(syntax, hosts, database, user, options);
    }
}
