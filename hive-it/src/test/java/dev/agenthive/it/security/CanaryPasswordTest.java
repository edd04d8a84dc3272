package dev.agenthive.it.security;

import dev.agenthive.cli.HiveCommand;
import dev.agenthive.core.Hive;
import dev.agenthive.core.config.HiveConfig;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A canary password, set on a real PostgreSQL role of a server that demands passwords (an embedded
 * server of this test with its own {@code pg_hba.conf}: trust for the admin, SCRAM for everyone else),
 * is used through every path a URL takes: opening stores that succeed, a wrong password, a server that
 * is down, {@code sslpassword} among the options, the driver's URL form with the password in the
 * query, a Redis URL with a password where nothing listens, {@code hive init}, {@code status} and
 * {@code demo}, health, locations, configuration dumps, exception messages with their causes and
 * stack traces, and everything this JVM logs meanwhile. The canary appears nowhere.
 *
 * <p>The password holds an {@code @} ({@code Canary-<uuid>@Tail-<uuid>}), which the stores' parser
 * accepts: a redaction that ends the password at the first {@code @} shows the tail, and so fails here.
 */
class CanaryPasswordTest {
    private static final String HEAD = "Canary-" + UUID.randomUUID();
    private static final String TAIL = "Tail-" + UUID.randomUUID();
    private static final String CANARY = HEAD + "@" + TAIL;
    private static final String ROLE = "canary_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

    @TempDir
    static Path dir;

    private static EmbeddedPostgres server;

    /** Everything shown: outputs, logs, messages, traces. */
    private final StringBuilder seen = new StringBuilder();
    /** How long each path took, printed once: the test's time goes to timeouts, which this shows. */
    private final StringBuilder timings = new StringBuilder("CANARY paths (ms):");
    private long stepStart;

    @BeforeAll
    static void startAServerThatDemandsPasswords() throws IOException, SQLException {
        Path hba = dir.resolve("pg_hba.conf");
        Files.writeString(hba, String.join("\n",
                "local all all trust",
                "host all postgres 127.0.0.1/32 trust",
                "host all postgres ::1/128 trust",
                "host all all 127.0.0.1/32 scram-sha-256",
                "host all all ::1/128 scram-sha-256", ""));
        server = EmbeddedPostgres.builder()
                .setServerConfig("hba_file", hba.toString())
                .setServerConfig("password_encryption", "scram-sha-256")
                .setServerConfig("fsync", "off")
                .start();
        try (Connection admin = server.getPostgresDatabase().getConnection();
             Statement statement = admin.createStatement()) {
            statement.execute("CREATE ROLE " + ROLE + " LOGIN PASSWORD '" + CANARY + "'");
            statement.execute("CREATE DATABASE " + ROLE + " OWNER " + ROLE);
        }
    }

    @AfterAll
    static void stopTheServer() throws IOException {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void theCanaryIsNowhere() throws Exception {
        String good = "postgresql://" + ROLE + ":" + CANARY + "@127.0.0.1:" + server.getPort() + "/" + ROLE
                + "?sslmode=disable&sslpassword=" + CANARY + "&ApplicationName=canary";
        String wrong = "postgresql://" + ROLE + ":" + CANARY + "-wrong@127.0.0.1:" + server.getPort() + "/" + ROLE
                + "?sslmode=disable";
        String driverForm = "jdbc:postgresql://127.0.0.1:" + server.getPort() + "/" + ROLE + "?user=" + ROLE
                + "&password=" + CANARY + "-wrong&sslmode=disable";
        String down = "postgresql://" + ROLE + ":" + CANARY + "@127.0.0.1:" + closedPort() + "/" + ROLE + "?sslmode=disable";
        // Lettuce ends a Redis password at its first '@', so this one has none.
        String redis = "redis://:" + HEAD + "-" + TAIL + "@127.0.0.1:1/";
        String blobs = "file:" + dir.resolve("blobs");

        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream logs = new ByteArrayOutputStream();
        PrintStream capture = new PrintStream(logs, true, StandardCharsets.UTF_8);
        System.setOut(capture);
        System.setErr(capture);
        stepStart = System.nanoTime();
        int[] exits;
        try {
            exits = new int[] {
                    cli("--storage", good, "--blob", blobs, "init"),
                    cli("--storage", good, "--blob", blobs, "status"),
                    cli("--storage", good, "--blob", blobs, "demo", "--agents", "1", "--tasks", "5", "--seconds", "120"),
                    cli("--storage", wrong, "--blob", blobs, "status"),
                    cli("--storage", driverForm, "--blob", blobs, "status"),
                    cli("--storage", down, "--blob", blobs, "status"),
                    cli("--storage", "sqlite:" + dir.resolve("hive.db"), "--cache", redis, "status"),
            };
            try (Hive hive = Hive.open(config(good, "none:"))) {
                seen.append(hive.location()).append('\n').append(hive.health()).append('\n');
            }
            step("open+health");
            seen.append(config(good, redis)).append('\n');
            for (String url : new String[] {wrong, down}) {
                seen.append(failureOfOpening(url)).append('\n');
                step("open-failure");
            }
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
        seen.append(logs.toString(StandardCharsets.UTF_8));
        System.out.println(timings);

        assertThat(exits).as("init, status and demo succeed; the wrong password, the driver form with it and the "
                + "server down fail; status with an unreachable Redis still answers").containsExactly(0, 0, 0, 1, 1, 1, 0);
        String shown = seen.toString();
        assertThat(shown).as("the paths ran: the store's location, the refusal, the server down, the masked "
                        + "sslpassword and the Redis cache were all shown")
                .contains("postgresql://" + ROLE + "@127.0.0.1:" + server.getPort() + "/" + ROLE)
                .contains("sslpassword=***")
                .contains("password authentication failed")
                .contains("redis://127.0.0.1:1/0")
                .contains("Connection refused");
        assertThat(shown).doesNotContain(HEAD).doesNotContain(TAIL);
    }

    private int cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = HiveCommand.commandLine(new PrintWriter(out, true), new PrintWriter(err, true), Map.of()).execute(args);
        seen.append("$ hive ").append(String.join(" ", args).replace(HEAD, "<head>").replace(TAIL, "<tail>"))
                .append("\n").append(out).append(err).append("exit ").append(exit).append('\n');
        step(args[args.length - 1].equals("120") ? "demo" : args[args.length - 1]);
        return exit;
    }

    private void step(String name) {
        long now = System.nanoTime();
        timings.append(' ').append(name).append('=').append((now - stepStart) / 1_000_000);
        stepStart = now;
    }

    private static HiveConfig config(String storage, String cache) {
        return HiveConfig.builder().isolated()
                .storageUrl(storage)
                .set(HiveConfig.CACHE_URL, cache)
                .set(HiveConfig.BLOB_URL, "file:" + dir.resolve("blobs"))
                .set("hive.postgresql.connect-timeout", "5s")
                .build();
    }

    /** The message and the stack trace (with every cause and suppressed exception) of a failed open. */
    private static String failureOfOpening(String url) {
        try (Hive hive = Hive.open(config(url, "none:"))) {
            throw new AssertionError("opened " + hive.location());
        } catch (RuntimeException e) {
            StringWriter trace = new StringWriter();
            e.printStackTrace(new PrintWriter(trace));
            StringBuilder messages = new StringBuilder();
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                messages.append(cause).append('\n');
            }
            return messages + trace.toString();
        }
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
