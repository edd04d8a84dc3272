package dev.agenthive.store.mariadb;

import dev.agenthive.api.error.InvalidInputException;
import dev.agenthive.store.jdbc.server.ServerUrl;

import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * A parsed MariaDB or MySQL storage URL: {@code mariadb://user:password@host:port/database?options},
 * or {@code jdbc:mariadb://host:port/database?user=...&password=...&options}, or the same with
 * {@code jdbc:mysql:}, parsed by the kit's {@link ServerUrl} (which keeps the password out of every
 * text). Every form is handed to MariaDB Connector/J.
 *
 * <p>One server only: given several hosts and no failover mode the driver connects to the first and
 * ignores the rest, so a URL naming more is refused instead of half obeyed.
 *
 * <p>TLS: Connector/J insists on a verified TLS connection unless told otherwise. Unless the URL sets
 * {@code sslMode}, a remote server gets {@code verify-full} and a loopback one {@code disable}: that
 * connection never leaves the machine, and a local server often has no certificate.
 */
public final class MariaDbUrl {
    private static final String DRIVER_SCHEME = "jdbc:mariadb:";
    private static final ServerUrl.Syntax SYNTAX = new ServerUrl.Syntax("mariadb", List.of(DRIVER_SCHEME, "jdbc:mysql:"), 3306);
    private static final Set<String> SSL_MODES = Set.of("disable", "trust", "verify-ca", "verify-full");
    /** The modes that send the password and the data unencrypted or to a server nobody authenticated. */
    private static final Set<String> WEAK_SSL_MODES = Set.of("disable", "trust");
    /** Options the store sets itself: its statements depend on them. */
    private static final Set<String> FIXED = Set.of("allowMultiQueries", "useAffectedRows", "dumpQueriesOnException");

    private final ServerUrl url;

    private MariaDbUrl(ServerUrl url) {
        this.url = url;
    }

    /** Whether the URL names the MariaDB provider; never throws. */
    public static boolean accepts(String url) {
        return SYNTAX.accepts(url);
    }

    /**
     * Parses the URL.
     *
     * @throws InvalidInputException the URL is no MariaDB or MySQL URL, names no user, no host, more
     *                               than one host or no database, has a malformed port or option, sets an
     *                               option the store fixes, or an unknown {@code sslMode}; the message
     *                               never repeats the password
     */
    public static MariaDbUrl parse(String text) {
        ServerUrl url = SYNTAX.parse(text);
        if (url.hosts().size() > 1) {
            throw new InvalidInputException(ServerUrl.FIELD, "must name one host: failover between hosts is not supported");
        }
        for (String option : FIXED) {
            if (url.options().containsKey(option)) {
                throw new InvalidInputException(ServerUrl.FIELD, "option '" + option + "' is set by the store and cannot be changed");
            }
        }
        return new MariaDbUrl(url.withTlsDefault("sslMode", SSL_MODES, WEAK_SSL_MODES, "disable", "verify-full"));
    }

    public String host() {
        return url.hosts().get(0);
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

    /** The effective {@code sslMode}. */
    public String sslMode() {
        return url.options().get("sslMode");
    }

    /**
     * The JDBC URL for the driver, without user or password, with the options the store's statements
     * need: several statements in one round trip (an UPDATE and the SELECT of its rows), found rows
     * as affected rows (so that {@code ROW_COUNT()} counts rows matched, not changed), and the
     * statement in a failure's message (which names the table a duplicate primary key belongs to);
     * and the session's {@code idle_transaction_timeout} (whole seconds, rounded up), so that the
     * server ends a transaction whose client went silent and releases its row locks.
     */
    String jdbcUrl(long connectTimeoutMillis, long socketTimeoutMillis, Duration idleInTransactionTimeout) {
        return url.withOption("allowMultiQueries", "true")
                .withOption("useAffectedRows", "false")
                .withOption("dumpQueriesOnException", "true")
                .withOption("connectTimeout", String.valueOf(connectTimeoutMillis))
                .withOption("socketTimeout", String.valueOf(socketTimeoutMillis))
                .jdbcUrl(DRIVER_SCHEME)
                // Appended as it is: the driver reads this option's value without decoding it, and the
                // URL's own options are encoded.
                + "&sessionVariables=idle_transaction_timeout=" + ((idleInTransactionTimeout.toMillis() + 999) / 1000);
    }

    /** {@code mariadb://user@host/database?options}: where the data lives, never with the password. */
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
        return other instanceof MariaDbUrl that && url.equals(that.url);
    }

    @Override
    public int hashCode() {
        return url.hashCode();
    }
}
