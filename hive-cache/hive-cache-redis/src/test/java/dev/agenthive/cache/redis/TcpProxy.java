package dev.agenthive.cache.redis;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A TCP proxy in front of a Redis server, so that a test can fail the network between one cache and
 * Redis, and only that: {@link #cut()} closes every connection and refuses new ones until
 * {@link #restore()}; {@link #freezeSubscriptions()} stops passing what Redis sends to subscribed
 * connections (messages pile up) and {@link #cutSubscriptions()} then closes them;
 * {@link #delaySubscriptions(Duration)} passes it late, in order. A connection counts as subscribed
 * once the client sent {@code SUBSCRIBE} on it.
 */
final class TcpProxy implements AutoCloseable {
    private final String targetHost;
    private final int targetPort;
    private final ServerSocket listener;
    private final List<Link> links = new CopyOnWriteArrayList<>();
    private volatile boolean refusing;
    private volatile boolean closed;

    TcpProxy(String targetHost, int targetPort) {
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        try {
            this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread acceptor = new Thread(this::accept, "tcp-proxy-accept-" + listener.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** A proxy in front of the server of {@code url}. */
    static TcpProxy to(String url) {
        var uri = TestRedis.parse(url);
        return new TcpProxy(uri.getHost(), uri.getPort());
    }

    int port() {
        return listener.getLocalPort();
    }

    /** {@code url} with the proxy's address instead of the server's. */
    String url(String url) {
        return TestRedis.withAddress(url, "127.0.0.1", port());
    }

    /** Closes every connection and refuses (accepts and closes at once) new ones. */
    void cut() {
        refusing = true;
        links.forEach(Link::close);
    }

    /** Accepts and passes connections again. */
    void restore() {
        refusing = false;
    }

    /** Holds whatever Redis sends to subscribed connections, from now on. */
    void freezeSubscriptions() {
        links.stream().filter(link -> link.subscribed).forEach(link -> link.frozen = true);
    }

    /** Passes what Redis sends to subscribed connections {@code delay} after it arrived, from now on. */
    void delaySubscriptions(Duration delay) {
        links.stream().filter(link -> link.subscribed).forEach(link -> link.delayNanos = delay.toNanos());
    }

    /** Closes the subscribed connections, with whatever was held for them; new ones are passed. */
    void cutSubscriptions() {
        links.stream().filter(link -> link.subscribed).forEach(Link::close);
    }

    @Override
    public void close() {
        closed = true;
        try {
            listener.close();
        } catch (IOException ignored) {
            // closing
        }
        links.forEach(Link::close);
    }

    private void accept() {
        while (!closed) {
            Socket client;
            try {
                client = listener.accept();
            } catch (IOException e) {
                return;
            }
            if (refusing) {
                closeQuietly(client);
                continue;
            }
            try {
                Socket server = new Socket(targetHost, targetPort);
                Link link = new Link(client, server);
                links.add(link);
                link.start();
            } catch (IOException e) {
                closeQuietly(client);
            }
        }
    }

    private final class Link {
        private final Socket client;
        private final Socket server;
        private volatile boolean subscribed;
        private volatile boolean frozen;
        private volatile long delayNanos;
        private volatile boolean closed;
        /** What Redis sent, with when it arrived, on its way to the client. */
        private final BlockingQueue<Chunk> down = new LinkedBlockingQueue<>();

        Link(Socket client, Socket server) {
            this.client = client;
            this.server = server;
        }

        void start() {
            start("tcp-proxy-up-", this::pumpUp);
            start("tcp-proxy-down-read-", this::readDown);
            start("tcp-proxy-down-write-", this::writeDown);
        }

        private void start(String name, Runnable pump) {
            Thread thread = new Thread(pump, name + client.getPort());
            thread.setDaemon(true);
            thread.start();
        }

        private void pumpUp() {
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = client.getInputStream(); OutputStream out = server.getOutputStream()) {
                int read;
                while ((read = in.read(buffer)) >= 0) {
                    if (!subscribed && new String(buffer, 0, read, StandardCharsets.ISO_8859_1)
                            .toUpperCase(Locale.ROOT).contains("SUBSCRIBE")) {
                        subscribed = true;
                    }
                    out.write(buffer, 0, read);
                    out.flush();
                }
            } catch (IOException e) {
                // the other side closed, or the test cut the link
            } finally {
                close();
            }
        }

        private void readDown() {
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = server.getInputStream()) {
                int read;
                while ((read = in.read(buffer)) >= 0) {
                    down.add(new Chunk(Arrays.copyOf(buffer, read), System.nanoTime()));
                }
            } catch (IOException e) {
                // the other side closed, or the test cut the link
            } finally {
                close();
            }
        }

        private void writeDown() {
            try (OutputStream out = client.getOutputStream()) {
                while (!closed) {
                    Chunk chunk = down.poll(50, TimeUnit.MILLISECONDS);
                    if (chunk == null) {
                        continue;
                    }
                    // Holding the bytes (frozen, or until they are due), not synchronising a test.
                    while (!closed && (frozen || System.nanoTime() - (chunk.arrivedNanos + delayNanos) < 0)) {
                        Thread.sleep(1);
                    }
                    if (closed) {
                        return;
                    }
                    out.write(chunk.bytes);
                    out.flush();
                }
            } catch (IOException | InterruptedException e) {
                // the other side closed, or the test cut the link
            } finally {
                close();
            }
        }

        void close() {
            closed = true;
            closeQuietly(client);
            closeQuietly(server);
            links.remove(this);
        }
    }

    private record Chunk(byte[] bytes, long arrivedNanos) {
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing
        }
    }
}
