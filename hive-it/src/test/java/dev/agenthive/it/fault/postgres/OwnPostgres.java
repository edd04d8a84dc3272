package dev.agenthive.it.fault.postgres;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * An embedded PostgreSQL server owned by one test, which the test may stop hard: never the shared
 * test server. {@link #stopImmediately()} is an immediate shutdown (the postmaster and every backend
 * quit at once, without a checkpoint, and the next start runs crash recovery); a restart keeps the
 * port and the data directory. Commits are synchronous, as on a production server (zonky's default
 * {@code synchronous_commit=off} would let a crash lose commits already acknowledged).
 */
final class OwnPostgres implements AutoCloseable {
    /** The one database the tests use; the server's own {@code postgres} database stays for admin work. */
    static final String DATABASE = "hive_fault";

    private final Path data;
    private EmbeddedPostgres server;
    private int port;
    private boolean running;

    private OwnPostgres(Path directory) {
        this.data = directory.resolve("pgdata");
    }

    /** Starts a server with its data directory under {@code directory} and creates {@link #DATABASE}. */
    static OwnPostgres start(Path directory) throws IOException, SQLException {
        OwnPostgres own = new OwnPostgres(directory);
        own.startOn(0);
        try (Connection admin = own.connect("postgres"); Statement statement = admin.createStatement()) {
            statement.execute("CREATE DATABASE " + DATABASE);
        }
        return own;
    }

    private void startOn(int wantedPort) throws IOException {
        server = EmbeddedPostgres.builder()
                .setDataDirectory(data)
                .setCleanDataDirectory(false)
                .setRegisterShutdownHook(false)
                .setServerConfig("max_connections", "200")
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setPort(wantedPort)
                .start();
        port = server.getPort();
        running = true;
    }

    int port() {
        return port;
    }

    /** The store URL of {@link #DATABASE} on {@code host:port} (the server's own, or a proxy's). */
    static String storeUrl(int port) {
        return "postgresql://postgres@127.0.0.1:" + port + "/" + DATABASE + "?sslmode=disable&gssEncMode=disable";
    }

    String storeUrl() {
        return storeUrl(port);
    }

    /** A plain JDBC connection straight to the server, past any proxy. */
    Connection connect(String database) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/" + database
                + "?sslmode=disable&connectTimeout=5&socketTimeout=30", "postgres", null);
    }

    /**
     * What {@code pg_ctl stop -m immediate} does, without {@code pg_ctl} (which refuses to run as
     * root, as CI containers often do): SIGQUIT to the postmaster named in {@code postmaster.pid}, so
     * it and every backend quit at once, as in a crash; then waits until it is gone.
     */
    void stopImmediately() throws IOException, InterruptedException {
        long pid = Long.parseLong(Files.readAllLines(data.resolve("postmaster.pid")).get(0).trim());
        ProcessHandle postmaster = ProcessHandle.of(pid)
                .orElseThrow(() -> new IOException("no postmaster process " + pid));
        Process quit = new ProcessBuilder("kill", "-QUIT", String.valueOf(pid)).redirectErrorStream(true).start();
        String output = new String(quit.getInputStream().readAllBytes());
        if (!quit.waitFor(30, TimeUnit.SECONDS) || quit.exitValue() != 0) {
            throw new IOException("kill -QUIT " + pid + " failed: " + output);
        }
        try {
            postmaster.onExit().get(60, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IOException("the postmaster " + pid + " did not quit within 60 s", e);
        }
        running = false;
        // Releases zonky's lock on the data directory, which a restart takes again; its own stop finds
        // no server and only logs that.
        server.close();
    }

    /** Starts the server again on the same port and data directory (crash recovery runs first). */
    void restart() throws IOException {
        startOn(port);
    }

    /**
     * Terminates every backend of {@link #DATABASE} but the asking one: the pool's connections, the
     * listener's. Returns how many were terminated.
     */
    int terminateBackends() throws SQLException {
        try (Connection admin = connect("postgres");
             PreparedStatement statement = admin.prepareStatement("SELECT count(*) FILTER (WHERE pg_terminate_backend(pid))"
                     + " FROM pg_stat_activity WHERE datname = ? AND pid <> pg_backend_pid()")) {
            statement.setString(1, DATABASE);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    /** Stops the server for good (immediately, the data directory is thrown away with the test's). */
    @Override
    public void close() throws IOException {
        if (running) {
            try {
                stopImmediately();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new UncheckedIOException(new IOException("interrupted while stopping", e));
            }
        }
    }
}
