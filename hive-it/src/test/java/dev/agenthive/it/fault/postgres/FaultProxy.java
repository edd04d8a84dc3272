package dev.agenthive.it.fault.postgres;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
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
 * A TCP proxy between the store and PostgreSQL that can play three faults:
 * <ul>
 *   <li>{@link #freeze()}: a frozen network. Nothing is forwarded any more in either direction and
 *       no socket is closed; new connections are accepted but never reach the server. A side that
 *       closes its socket meanwhile is not heard of by the other side until the thaw either (a FIN is
 *       a packet too), so a client that gives up on a frozen connection leaves the server's session
 *       as it was. {@link #thaw()} forwards what was held, as a network that comes back does.</li>
 *   <li>{@link #freezeInNextTransaction()}: the same freeze, started exactly when the server reports
 *       (ReadyForQuery, status {@code T}) that a connection's transaction is open and waits for the
 *       client: the server's side keeps that transaction, and its row locks, open.</li>
 *   <li>{@link #holdNextCommit()}: the server's answer to the next COMMIT is swallowed and that
 *       connection held until {@link #releaseHeld()}, which forwards whatever the server sent later
 *       (a terminated backend's FATAL error): the commit happened, the client hears only the error.</li>
 * </ul>
 * The server's side is read as typed messages from its first byte, which holds only when the client
 * asks for neither TLS nor GSS encryption.
 */
final class FaultProxy implements AutoCloseable {
    private static final byte[] COMMIT_BODY = "COMMIT\0".getBytes(StandardCharsets.US_ASCII);
    private static final byte COMMAND_COMPLETE = 'C';
    private static final byte READY_FOR_QUERY = 'Z';
    private static final byte IN_TRANSACTION = 'T';

    private final int serverPort;
    private final ServerSocket listener;
    private final Object gate = new Object();
    private final AtomicBoolean freezeInTransaction = new AtomicBoolean();
    private final AtomicBoolean holdCommit = new AtomicBoolean();
    private final AtomicInteger heldCommits = new AtomicInteger();
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private boolean frozen;
    private boolean holding;
    private volatile boolean closed;

    private FaultProxy(int serverPort) throws IOException {
        this.serverPort = serverPort;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        daemon("fault-proxy-accept", this::accept).start();
    }

    /** Listens on a free loopback port and forwards to the loopback server on {@code serverPort}. */
    static FaultProxy start(int serverPort) throws IOException {
        return new FaultProxy(serverPort);
    }

    int port() {
        return listener.getLocalPort();
    }

    void freeze() {
        synchronized (gate) {
            frozen = true;
        }
    }

    void freezeInNextTransaction() {
        freezeInTransaction.set(true);
    }

    /** Whether a freeze is on (a {@link #freezeInNextTransaction()} turns into one when it strikes). */
    boolean frozen() {
        synchronized (gate) {
            return frozen;
        }
    }

    void thaw() {
        synchronized (gate) {
            frozen = false;
            gate.notifyAll();
        }
    }

    void holdNextCommit() {
        holdCommit.set(true);
    }

    /** How many COMMIT answers were swallowed so far. */
    int heldCommits() {
        return heldCommits.get();
    }

    void releaseHeld() {
        synchronized (gate) {
            holding = false;
            gate.notifyAll();
        }
    }

    /** Blocks while the network is frozen (or, for the held connection, held); false once closed. */
    private boolean pass(boolean held) throws IOException {
        synchronized (gate) {
            while ((frozen || (held && holding)) && !closed) {
                try {
                    gate.wait(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted", e);
                }
            }
        }
        if (closed) {
            throw new IOException("proxy closed");
        }
        return true;
    }

    private void accept() {
        while (!closed) {
            Socket client;
            try {
                client = listener.accept();
            } catch (IOException e) {
                return;
            }
            sockets.add(client);
            daemon("fault-proxy-connect", () -> {
                Socket server;
                try {
                    pass(false);
                    server = new Socket(InetAddress.getLoopbackAddress(), serverPort);
                } catch (IOException e) {
                    closeQuietly(client);
                    return;
                }
                sockets.add(server);
                daemon("fault-proxy-to-server", () -> copyBytes(client, server)).start();
                daemon("fault-proxy-to-client", () -> forwardMessages(server, client)).start();
            }).start();
        }
    }

    private void copyBytes(Socket from, Socket to) {
        byte[] buffer = new byte[8192];
        // The streams are not closed here: that would close their sockets before a freeze allows it.
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            for (int read; (read = in.read(buffer)) >= 0; ) {
                pass(false);
                out.write(buffer, 0, read);
                out.flush();
            }
        } catch (IOException e) {
            // One side went away: the connection ends for both, as it would without the proxy.
        } finally {
            closeAfterThaw(from, to);
        }
    }

    private void forwardMessages(Socket server, Socket client) {
        boolean held = false;
        boolean droppingUntilReady = false;
        try {
            DataInputStream in = new DataInputStream(new BufferedInputStream(server.getInputStream()));
            OutputStream out = client.getOutputStream();
            byte[] header = new byte[5];
            while (true) {
                in.readFully(header);
                int length = ByteBuffer.wrap(header, 1, 4).getInt();
                if (length < 4) {
                    throw new IOException("not a PostgreSQL message: length " + length);
                }
                byte[] body = new byte[length - 4];
                in.readFully(body);
                if (header[0] == COMMAND_COMPLETE && Arrays.equals(body, COMMIT_BODY) && holdCommit.compareAndSet(true, false)) {
                    synchronized (gate) {
                        holding = true;
                    }
                    held = true;
                    droppingUntilReady = true;
                    heldCommits.incrementAndGet();
                    continue;
                }
                if (droppingUntilReady) {
                    // The ReadyForQuery after the swallowed COMMIT goes too; what follows waits for the release.
                    droppingUntilReady = header[0] != READY_FOR_QUERY;
                    continue;
                }
                if (header[0] == READY_FOR_QUERY && body.length == 1 && body[0] == IN_TRANSACTION
                        && freezeInTransaction.compareAndSet(true, false)) {
                    freeze();
                }
                pass(held);
                out.write(header);
                out.write(body);
                out.flush();
            }
        } catch (IOException e) {
            // Either side went away.
        } finally {
            closeAfterThaw(server, client);
        }
    }

    /** Closes both sides once the network is not frozen: the other side hears of a close no sooner. */
    private void closeAfterThaw(Socket first, Socket second) {
        try {
            pass(false);
        } catch (IOException e) {
            // The proxy is closing: every socket goes now.
        }
        closeBoth(first, second);
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

    /** Stops accepting, releases every wait and cuts every open connection. */
    @Override
    public void close() throws IOException {
        closed = true;
        thaw();
        releaseHeld();
        listener.close();
        sockets.forEach(FaultProxy::closeQuietly);
        sockets.clear();
    }
}
