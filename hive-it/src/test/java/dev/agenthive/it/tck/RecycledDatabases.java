package dev.agenthive.it.tck;

import dev.agenthive.api.spi.LargeContent;
import dev.agenthive.api.store.HiveStore;
import dev.agenthive.it.server.TestDatabaseServer;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The databases of a test server as the TCK uses them: every test gets a migrated database that no
 * other open store uses and whose tables are empty. A closed store's database is emptied and handed
 * to the next test, since creating and migrating one costs 30 times as much; those left at the end
 * are dropped when the JVM exits.
 */
final class RecycledDatabases {
    /** {@code scheme://user[:password]@host:port/database?options}, as the test servers write their URLs. */
    private static final Pattern SERVER_URL = Pattern.compile("([a-z]+://)([^:@/]+)(:[^@/]*)?@(.+)");
    private static final int SCHEME = 1;
    private static final int USER = 2;
    private static final int PASSWORD = 3;
    private static final int REST = 4;

    private final Queue<String> emptied = new ConcurrentLinkedQueue<>();
    private final Supplier<? extends TestDatabaseServer> server;

    /** @param server the server, looked up at the first use (a test class that is skipped starts none) */
    RecycledDatabases(String name, Supplier<? extends TestDatabaseServer> server) {
        this.server = server;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            for (String url; (url = emptied.poll()) != null; ) {
                try {
                    server.get().drop(url);
                } catch (RuntimeException e) {
                    // An embedded server may have stopped first, taking its databases along.
                }
            }
        }, name + "-drop"));
    }

    HiveStore open() {
        return open(Map.of());
    }

    /** {@link #open()} on {@code clock}. */
    HiveStore open(Clock clock) {
        String url = emptied.poll();
        return SpiStores.open(url != null ? url : server.get().newDatabase(), clock);
    }

    /**
     * {@link #open(Clock)} through the URL with {@code password} as the user's password, for a server
     * that asks for none (trust); empty when the server's URLs carry a password of their own, which
     * the test cannot replace.
     */
    Optional<HiveStore> openWithPassword(String password, Clock clock) {
        String url = emptied.poll();
        Matcher parts = withPassword(url != null ? url : server.get().newDatabase());
        if (parts.group(PASSWORD) != null) {
            emptied.add(parts.group(0));
            return Optional.empty();
        }
        return Optional.of(SpiStores.open(parts.group(SCHEME) + parts.group(USER) + ":" + password + "@"
                + parts.group(REST), clock));
    }

    /**
     * What opening a URL of the server with {@code password} as the password throws, the database
     * being one that does not exist (a server that trusts its clients lets any password in).
     */
    Throwable refusedOpenWithPassword(String password) {
        String url = emptied.poll();
        Matcher parts = withPassword(url != null ? url : server.get().newDatabase());
        emptied.add(parts.group(0));
        String missing = parts.group(REST).replaceFirst("/[^/?]+", "/hive_missing_" + System.nanoTime());
        try {
            SpiStores.open(parts.group(SCHEME) + parts.group(USER) + ":" + password + "@" + missing).close();
        } catch (RuntimeException refused) {
            return refused;
        }
        throw new AssertionError("a store opened on the database that does not exist: " + missing);
    }

    private static Matcher withPassword(String url) {
        Matcher parts = SERVER_URL.matcher(url);
        if (!parts.matches()) {
            throw new IllegalStateException("not a scheme://user[:password]@host/database URL: " + url);
        }
        return parts;
    }

    /** {@link #open()} with these configuration keys. */
    HiveStore open(Map<String, String> properties) {
        String url = emptied.poll();
        return SpiStores.open(url != null ? url : server.get().newDatabase(), properties);
    }

    /** {@link #open()} moving large content as {@code largeContent} says. */
    HiveStore open(LargeContent largeContent) {
        String url = emptied.poll();
        return SpiStores.open(url != null ? url : server.get().newDatabase(), largeContent);
    }

    /** A plain JDBC connection to the database of an open store, for tests that look past the store. */
    Connection connect(HiveStore store) throws SQLException {
        return server.get().connect(store.location());
    }

    /** Closes the store (again, if the test closed it already), then empties its database for the next test. */
    void close(HiveStore store) {
        String location = store.location();
        store.close();
        try {
            server.get().reset(location);
            emptied.add(location);
        } catch (SQLException e) {
            server.get().drop(location);
            throw new IllegalStateException("cannot empty the test database " + location + ": " + e.getMessage(), e);
        }
    }
}
