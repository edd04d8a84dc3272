package dev.agenthive.cache.redis;

import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import redis.embedded.RedisServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Function;

/**
 * The Redis server of this test JVM: the one named by {@code HIVE_TEST_REDIS_URL} when set (used as
 * given), else an embedded one ({@code com.github.codemonstur:embedded-redis}, a Redis 6.2 binary)
 * on a free port, started once and stopped when the JVM exits. Tests keep out of each other's way
 * with a key prefix of their own, so a given server is never flushed.
 */
final class TestRedis {
    static final String ENV = "HIVE_TEST_REDIS_URL";

    private final String url;
    private final boolean embedded;

    private TestRedis(String url, boolean embedded) {
        this.url = url;
        this.embedded = embedded;
    }

    static TestRedis get() {
        return Holder.SERVER;
    }

    private static final class Holder {
        private static final TestRedis SERVER = start();
    }

    private static TestRedis start() {
        String given = System.getenv(ENV);
        if (given != null && !given.isBlank()) {
            System.out.println("[hive-cache-redis tests] using the Redis server of " + ENV + ": "
                    + RedisCacheConfig.redact(given.trim()));
            return new TestRedis(given.trim(), false);
        }
        Embedded server = Embedded.start(null);
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "embedded-redis-stop"));
        System.out.println("[hive-cache-redis tests] " + ENV + " not set: using an embedded Redis server at "
                + server.url());
        return new TestRedis(server.url(), true);
    }

    /** The URL to open caches with. */
    String url() {
        return url;
    }

    /** Whether the server is this JVM's embedded one (else it was given and must not be stopped). */
    boolean embedded() {
        return embedded;
    }

    /** The host and port of the server. */
    static RedisURI parse(String url) {
        return RedisURI.create(url);
    }

    /** {@code url} with its host and port replaced, e.g. to go through a {@link TcpProxy}. */
    static String withAddress(String url, String host, int port) {
        try {
            URI uri = new URI(url);
            return new URI(uri.getScheme(), uri.getUserInfo(), host, port, uri.getPath(), uri.getQuery(), uri.getFragment())
                    .toString();
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** Runs {@code work} on a plain connection to the server at {@code url}, for looking at raw entries. */
    static <T> T admin(String url, Function<RedisCommands<String, byte[]>, T> work) {
        RedisClient client = RedisClient.create(url);
        try (StatefulRedisConnection<String, byte[]> connection =
                     client.connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE))) {
            connection.setTimeout(Duration.ofSeconds(5));
            return work.apply(connection.sync());
        } finally {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
    }

    /** Deletes every key under {@code prefix}, so that a test leaves nothing on a given server. */
    static void deletePrefix(String url, String prefix) {
        admin(url, redis -> {
            ScanCursor cursor = ScanCursor.INITIAL;
            do {
                KeyScanCursor<String> page = redis.scan(cursor, ScanArgs.Builder.matches(prefix + ":*").limit(1_000));
                if (!page.getKeys().isEmpty()) {
                    redis.del(page.getKeys().toArray(String[]::new));
                }
                cursor = page;
            } while (!cursor.isFinished());
            return null;
        });
    }

    /** A port nothing listens on (it was free a moment ago). */
    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * An embedded Redis server of a test's own, which it may stop and start again. With a directory,
     * the server keeps its data there ({@code SAVE} writes it, a start reads it back); without, it
     * keeps nothing.
     */
    static final class Embedded {
        private final RedisServer server;
        private final int port;

        private Embedded(RedisServer server, int port) {
            this.server = server;
            this.port = port;
        }

        static Embedded start(Path dataDirectory) {
            IOException last = null;
            for (int attempt = 0; attempt < 3; attempt++) {
                int port = freePort();
                try {
                    Path directory = dataDirectory != null ? dataDirectory : Files.createTempDirectory("hive-embedded-redis");
                    RedisServer server = RedisServer.newRedisServer()
                            .port(port)
                            .bind("127.0.0.1")
                            .setting("dir " + directory.toAbsolutePath())
                            .setting("dbfilename dump.rdb")
                            .setting("save \"\"")
                            .setting("appendonly no")
                            .build();
                    server.start();
                    return new Embedded(server, port);
                } catch (IOException e) {
                    last = e;  // most likely the port was taken meanwhile: try another
                }
            }
            throw new UncheckedIOException("cannot start an embedded Redis server", last);
        }

        String url() {
            return "redis://127.0.0.1:" + port;
        }

        int port() {
            return port;
        }

        void stop() {
            try {
                server.stop();
            } catch (IOException e) {
                System.err.println("stopping the embedded Redis server failed: " + e.getMessage());
            }
        }

        void start() {
            try {
                server.start();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the embedded Redis server again", e);
            }
        }
    }
}
