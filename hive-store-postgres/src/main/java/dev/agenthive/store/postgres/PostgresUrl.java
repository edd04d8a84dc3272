package dev.agenthive.store.postgres;

import dev.agenthive.api.error.InvalidInputException;
import dev.agenthive.store.jdbc.server.ServerUrl;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A parsed PostgreSQL storage URL: {@code postgresql://user:password@host:port/database?options}
 * or {@code jdbc:postgresql://host:port/database?user=...&password=...&options}, parsed by the kit's
 * {@link ServerUrl} (which keeps the password out of every text); {@link #toString()} is the location.
 *
 * <p>TLS: unless every host is a loopback address, {@code sslmode} defaults to {@code verify-full};
 * a weaker mode is used only when the URL asks for it.
 */
public final class PostgresUrl {
    private static final String JDBC_SCHEME = "jdbc:postgresql:";
    private static final ServerUrl.Syntax SYNTAX = new ServerUrl.Syntax("postgresql", List.of(JDBC_SCHEME), 5432);
    private static final Set<String> SSL_MODES = Set.of("disable", "allow", "prefer", "require", "verify-ca", "verify-full");
    /** The modes that send the password and the data unencrypted or to a server nobody authenticated. */
    private static final Set<String> WEAK_SSL_MODES = Set.of("disable", "allow", "prefer");

    private final ServerUrl url;

    private PostgresUrl(ServerUrl url) {
        this.url = url;
    }

    /** Whether the URL names the PostgreSQL provider; never throws. */
    public static boolean accepts(String url) {
        return SYNTAX.accepts(url);
    }

    /**
     * Parses the URL.
     *
     * @throws InvalidInputException the URL is no PostgreSQL URL, names no host or database, has a
     *                               malformed port or option, or an unknown {@code sslmode}; the
     *                               message never repeats the password
     */
    public static PostgresUrl parse(String text) {
        return new PostgresUrl(SYNTAX.parse(text).withTlsDefault("sslmode", SSL_MODES, WEAK_SSL_MODES, "prefer", "verify-full"));
    }

    /** {@code host:port} of each server, in the order the driver tries them. */
    public List<String> hosts() {
        return url.hosts();
    }

    public String database() {
        return url.database();
    }

    public String user() {
        return url.user();
    }

    /** The password, or {@code null}; for the data source only, never for messages. */
    String password() {
        return url.password();
    }

    /** Driver options from the URL (credentials removed, {@code sslmode} always present). */
    public Map<String, String> options() {
        return url.options();
    }

    /** The effective {@code sslmode}. */
    public String sslMode() {
        return url.options().get("sslmode");
    }

    /** {@code postgresql://user@hosts/database?options}: where the data lives, never with the password. */
    public String location() {
        return url.location();
    }

    /** The kit's parsed URL, for the checks every server store shares. */
    ServerUrl serverUrl() {
        return url;
    }

    @Override
    public String toString() {
        return location();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PostgresUrl that && url.equals(that.url);
    }

    @Override
    public int hashCode() {
        return url.hashCode();
    }
}
