package dev.agenthive.bench;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * PostgreSQL: the server named by a URL, or an embedded one started here and stopped at {@link #close()}.
 * Each contender gets a database of its own, created empty and dropped afterwards; every one still left
 * at close is dropped then.
 */
final class PostgresDatabase implements BenchDatabase {
    private final String host;
    private final int port;
    private final String user;
    private final String password;
    private final String adminDatabase;
    private final String options;
    private final EmbeddedPostgres embedded;
    private final Path workRoot;
    private final Set<String> created = ConcurrentHashMap.newKeySet();
    private final Map<String, Path> workDirs = new ConcurrentHashMap<>();

    private PostgresDatabase(String host, int port, String user, String password, String adminDatabase,
                             String options, EmbeddedPostgres embedded, Path workRoot) {
        this.host = host;
        this.port = port;
        this.user = user;
        this.password = password;
        this.adminDatabase = adminDatabase;
        this.options = options;
        this.embedded = embedded;
        this.workRoot = workRoot;
    }

    /**
     * Connects to the server of {@code url} ({@code postgresql://user[:password]@host[:port]/db[?options]},
     * optionally prefixed with {@code jdbc:}); its database is only used to create and drop the others.
     */
    static PostgresDatabase connect(String url) throws Exception {
        URI uri = URI.create(url.trim().replaceFirst("^jdbc:", ""));
        String userInfo = uri.getUserInfo() == null ? "postgres" : uri.getUserInfo();
        int colon = userInfo.indexOf(':');
        String path = uri.getPath();
        return new PostgresDatabase(uri.getHost(), uri.getPort() < 0 ? 5432 : uri.getPort(),
                colon < 0 ? userInfo : userInfo.substring(0, colon), colon < 0 ? null : userInfo.substring(colon + 1),
                path == null || path.length() <= 1 ? "postgres" : path.substring(1),
                uri.getRawQuery() == null ? "sslmode=disable" : uri.getRawQuery(), null,
                TempDirs.create("hive-bench-postgresql-"));
    }

    /**
     * Starts an embedded server. The library turns {@code synchronous_commit} off by default; it is set
     * back to the server's default here, so commits are as durable as on a stock server.
     */
    static PostgresDatabase embedded() throws Exception {
        EmbeddedPostgres server = EmbeddedPostgres.builder()
                .setServerConfig("synchronous_commit", "on")
                .start();
        return new PostgresDatabase("localhost", server.getPort(), "postgres", null, "postgres", "sslmode=disable",
                server, TempDirs.create("hive-bench-postgresql-"));
    }

    @Override
    public String store() {
        return "postgresql";
    }

    @Override
    public BenchTarget fresh() throws Exception {
        String name = "hive_bench_" + UUID.randomUUID().toString().replace("-", "");
        admin("CREATE DATABASE " + name);
        created.add(name);
        Path dir = Files.createDirectory(workRoot.resolve(name));
        workDirs.put(name, dir);
        return new BenchTarget("postgresql", "jdbc:postgresql://" + host + ":" + port + "/" + name + "?" + options,
                user, password, dir);
    }

    @Override
    public void drop(BenchTarget target) throws Exception {
        String name = databaseName(target.jdbcUrl());
        admin("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        created.remove(name);
        Path dir = workDirs.remove(name);
        if (dir != null) {
            TempDirs.delete(dir);
        }
    }

    @Override
    public String version() throws Exception {
        try (Connection connection = adminConnection();
             Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SHOW server_version")) {
            row.next();
            return "PostgreSQL " + row.getString(1) + (embedded == null ? " (" + host + ":" + port + ")" : " (embedded)");
        }
    }

    @Override
    public void close() throws Exception {
        try {
            for (String name : Set.copyOf(created)) {
                admin("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            }
            TempDirs.delete(workRoot);
        } finally {
            if (embedded != null) {
                embedded.close();
            }
        }
    }

    private static String databaseName(String jdbcUrl) {
        String path = jdbcUrl.substring(jdbcUrl.lastIndexOf('/') + 1);
        String name = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
        if (!name.matches("hive_bench_[0-9a-f]{32}")) {
            throw new IllegalArgumentException("not a benchmark database: " + jdbcUrl);
        }
        return name;
    }

    private Connection adminConnection() throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://" + host + ":" + port + "/" + adminDatabase + "?"
                + options, user, password);
    }

    private void admin(String sql) throws SQLException {
        try (Connection connection = adminConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
