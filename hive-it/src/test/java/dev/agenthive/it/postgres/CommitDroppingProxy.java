package dev.agenthive.it.postgres;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy between PostgreSQL clients and a server that, once {@linkplain #dropNextCommit() armed},
 * swallows the server's next CommandComplete of a {@code COMMIT} and closes both sides of that
 * connection instead: the server has committed, the client never hears it. Everything else passes
 * unchanged. Each connection has two threads: client to server copies bytes, server to client reads
 * whole messages, since only a whole message can be recognised.
 *
 * <p>The server's side is read as typed messages from its first byte, which holds only when the
 * client asks for neither TLS nor GSS encryption (their one-byte answers are untyped).
 */
final class CommitDroppingProxy implements AutoCloseable {
    /** CommandComplete ('C'), length 11 (the length field itself and "COMMIT\0"), tag COMMIT. */
    private static final byte[] COMMIT_BODY = "COMMIT\0".getBytes(StandardCharsets.US_ASCII);
    private static final byte COMMAND_COMPLETE = 'C';

    private final String serverHost;
    private final int serverPort;
    private final ServerSocket listener;
    private final AtomicBoolean armed = new AtomicBoolean();
    private final AtomicInteger dropped = new AtomicInteger();
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    private CommitDroppingProxy(String serverHost, int serverPort) throws IOException {
        this.serverHost = serverHost;
        this.serverPort = serverPort;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        daemon("proxy-accept", this::accept).start();
    }

    /** Listens on a free loopback port and forwards every connection to {@code serverHost:serverPort}. */
    static CommitDroppingProxy start(String serverHost, int serverPort) throws IOException {
        return new CommitDroppingProxy(serverHost, serverPort);
    }

    /** The loopback port clients connect to. */
    int port() {
        return listener.getLocalPort();
    }

    /** Drops the next COMMIT answer of any connection, once. */
    void dropNextCommit() {
        armed.set(true);
    }

    /** How many COMMIT answers were dropped so far. */
    int droppedCommits() {
        return dropped.get();
    }

    private void accept() {
        while (!closed) {
            Socket client;
            Socket server;
            try {
                client = listener.accept();
            } catch (IOException e) {
                return;
            }
            try {
                server = new Socket(serverHost, serverPort);
            } catch (IOException e) {
                closeQuietly(client);
                continue;
            }
            sockets.add(client);
            sockets.add(server);
            daemon("proxy-to-server", () -> copyBytes(client, server)).start();
            daemon("proxy-to-client", () -> forwardMessages(server, client)).start();
        }
    }

    private void copyBytes(Socket from, Socket to) {
        byte[] buffer = new byte[8192];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            for (int read; (read = in.read(buffer)) >= 0; ) {
                out.write(buffer, 0, read);
                out.flush();
            }
        } catch (IOException e) {
            // One side went away: the connection ends for both, as it would without the proxy.
        } finally {
            closeBoth(from, to);
        }
    }

    private void forwardMessages(Socket server, Socket client) {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(server.getInputStream()));
             OutputStream out = new BufferedOutputStream(client.getOutputStream())) {
            byte[] header = new byte[5];
            while (true) {
                in.readFully(header);
                int length = ByteBuffer.wrap(header, 1, 4).getInt();
                if (length < 4) {
                    throw new IOException("not a PostgreSQL message: length " + length);
                }
                byte[] body = new byte[length - 4];
                in.readFully(body);
                if (header[0] == COMMAND_COMPLETE && Arrays.equals(body, COMMIT_BODY) && armed.compareAndSet(true, false)) {
                    // Counted before the close, so a client that sees the broken connection sees the count too.
                    dropped.incrementAndGet();
                    return;
                }
                out.write(header);
                out.write(body);
                if (in.available() == 0) {
                    out.flush();
                }
            }
        } catch (EOFException e) {
            // The server closed the connection.
        } catch (IOException e) {
            // Either side went away.
        } finally {
            closeBoth(server, client);
        }
    }

    private void closeBoth(Socket first, Socket second) {
        closeQuietly(first);
        closeQuietly(second);
        sockets.remove(first);
        sockets.remove(second);
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // Already broken; nothing left to release.
        }
    }

    private static Thread daemon(String name, Runnable work) {
        Thread thread = new Thread(work, name);
        thread.setDaemon(true);
        return thread;
    }

    /** Stops accepting and cuts every open connection. */
    @Override
    public void close() throws IOException {
        closed = true;
        listener.close();
        sockets.forEach(CommitDroppingProxy::closeQuietly);
        sockets.clear();
    }
}
