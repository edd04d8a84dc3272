package dev.agenthive.it.cache;

import redis.embedded.RedisServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

/**
 * Redis servers for the integration tests: the one named by {@code HIVE_TEST_REDIS_URL} when set,
 * else an embedded Redis (6.2, bundled by codemonstur embedded-redis) started once per JVM; and
 * private embedded servers that a test may stop and start again.
 */
public final class RedisTestServer {
    /** The environment variable naming an external server, e.g. {@code redis://127.0.0.1:6379}. */
    public static final String ENV = "HIVE_TEST_REDIS_URL";

    private final RedisServer embedded;

    private RedisTestServer(RedisServer embedded) {
        this.embedded = embedded;
    }

    /** The URL of the shared server of this JVM. */
    public static String sharedUrl() {
        String external = System.getenv(ENV);
        if (external != null && !external.isBlank()) {
            return external.trim();
        }
        return Shared.SERVER.url();
    }

    /** A new embedded server of the caller's own, started; stop it when done. */
    public static RedisTestServer startPrivate() {
        RedisTestServer server = new RedisTestServer(build(freePort()));
        server.start();
        return server;
    }

    /** {@code redis://127.0.0.1:<port>}. */
    public String url() {
        return "redis://127.0.0.1:" + embedded.ports().get(0);
    }

    /** Starts (again) on the same port; data does not survive a stop. */
    public void start() {
        try {
            embedded.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start embedded Redis", e);
        }
    }

    /** Stops the server process; clients see their connections drop. */
    public void stop() {
        try {
            embedded.stop();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot stop embedded Redis", e);
        }
    }

    private static RedisServer build(int port) {
        try {
            return RedisServer.newRedisServer().port(port).bind("127.0.0.1")
                    .setting("save \"\"").setting("appendonly no").build();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot build embedded Redis", e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final class Shared {
        private static final RedisTestServer SERVER = startShared();

        private static RedisTestServer startShared() {
            RedisTestServer server = startPrivate();
            System.out.println("[hive-it] " + ENV + " not set: embedded Redis at " + server.url());
            Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "embedded-redis-stop"));
            return server;
        }
    }
}
