package dev.agenthive.bench;

import redis.embedded.RedisServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

/**
 * The Redis server of the cache workloads: the one given ({@code --redis}), else an embedded Redis
 * (6.2) started on first use and stopped when the JVM exits.
 */
final class RedisUrl {
    private String url;

    /** @param given a Redis URL, or {@code null} for an embedded server */
    RedisUrl(String given) {
        this.url = given == null || given.isBlank() ? null : given.trim();
    }

    /** The server's URL, starting the embedded one on first use when none is given. */
    synchronized String url() {
        if (url == null) {
            url = startEmbedded();
        }
        return url;
    }

    private static String startEmbedded() {
        try {
            int port;
            try (ServerSocket socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            }
            RedisServer server = RedisServer.newRedisServer().port(port).bind("127.0.0.1")
                    .setting("save \"\"").setting("appendonly no").build();
            server.start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    server.stop();
                } catch (IOException e) {
                    System.err.println("embedded Redis did not stop: " + e);
                }
            }, "embedded-redis-stop"));
            System.err.println("no --redis given: embedded Redis 6.2 on port " + port);
            return "redis://127.0.0.1:" + port;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start embedded Redis", e);
        }
    }
}
