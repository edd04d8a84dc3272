package dev.agenthive.metrics.prometheus;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.agenthive.api.Checks;
import dev.agenthive.api.error.ErrorCode;
import dev.agenthive.api.error.HiveException;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A Prometheus registry served over HTTP: {@code GET /metrics} answers the registry's meters in the
 * Prometheus text exposition format (version 0.0.4, which every Prometheus server accepts). Give
 * {@link #registry()} to the hive ({@code Hive.open(config, endpoint.registry())}, or
 * {@link PrometheusModule} in Guice) and every meter the hive registers is scraped from here.
 *
 * <p>The server is the JDK's {@code com.sun.net.httpserver}: one thread answers scrapes, which a
 * Prometheus server sends every few seconds, and a scrape only reads the meters, so the hive's own
 * calls never wait on it. Each scrape gets a connection of its own, closed after the answer. Open
 * the endpoint before the hive and close it after (two resources of one try-with-resources); closing
 * stops the server and frees the port at once.
 */
public final class PrometheusEndpoint implements AutoCloseable {
    /** The path scrapes are served on. */
    public static final String PATH = "/metrics";

    private final PrometheusMeterRegistry registry;
    private final boolean ownsRegistry;
    private final HttpServer server;
    private final AtomicBoolean closed = new AtomicBoolean();

    private PrometheusEndpoint(PrometheusMeterRegistry registry, boolean ownsRegistry, HttpServer server) {
        this.registry = registry;
        this.ownsRegistry = ownsRegistry;
        this.server = server;
    }

    /**
     * Serves a new Prometheus registry on {@code host:port}; closing the endpoint closes the registry too.
     *
     * @param host the address to listen on: {@code 127.0.0.1} for this machine only, {@code 0.0.0.0} for every interface
     * @param port 0 to take any free port ({@link #port()} tells which), else 1..65535
     * @throws dev.agenthive.api.error.InvalidInputException a blank host or a port outside 0..65535
     * @throws HiveException {@code CONFIGURATION} when the address cannot be listened on (port taken, unknown host)
     */
    public static PrometheusEndpoint start(String host, int port) {
        HttpServer server = bind(host, port);
        return serve(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), true, server);
    }

    /**
     * Serves {@code registry} on {@code host:port}; the registry stays the caller's, open after the endpoint closes.
     *
     * @throws dev.agenthive.api.error.InvalidInputException a null registry, a blank host or a port outside 0..65535
     * @throws HiveException {@code CONFIGURATION} when the address cannot be listened on (port taken, unknown host)
     */
    public static PrometheusEndpoint start(PrometheusMeterRegistry registry, String host, int port) {
        Checks.notNull(registry, "registry");
        return serve(registry, false, bind(host, port));
    }

    private static HttpServer bind(String host, int port) {
        Checks.notBlank(host, "host");
        Checks.between(port, 0, 65_535, "port");
        InetSocketAddress address = new InetSocketAddress(host, port);
        if (address.isUnresolved()) {
            throw new HiveException(ErrorCode.CONFIGURATION, "cannot serve metrics on " + host + ":" + port
                    + ": unknown host");
        }
        try {
            return HttpServer.create(address, 0);
        } catch (IOException e) {
            throw new HiveException(ErrorCode.CONFIGURATION, "cannot serve metrics on " + host + ":" + port + ": "
                    + e.getMessage(), e);
        }
    }

    private static PrometheusEndpoint serve(PrometheusMeterRegistry registry, boolean ownsRegistry, HttpServer server) {
        PrometheusEndpoint endpoint = new PrometheusEndpoint(registry, ownsRegistry, server);
        server.createContext(PATH, endpoint::answer);
        server.start();
        return endpoint;
    }

    /** The registry this endpoint serves: give it to the hive. */
    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /** The port the endpoint listens on, the one the system chose when started with port 0. */
    public int port() {
        return server.getAddress().getPort();
    }

    /** Where to scrape: {@code http://<host>:<port>/metrics}, with the host and port the endpoint listens on. */
    public URI uri() {
        InetSocketAddress address = server.getAddress();
        return URI.create("http://" + hostInUri(address.getHostString()) + ":" + address.getPort() + PATH);
    }

    /** Stops serving (an unfinished scrape is cut off) and frees the port; closes the registry if the endpoint made it. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        server.stop(0);
        if (ownsRegistry) {
            registry.close();
        }
    }

    private void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!exchange.getRequestURI().getPath().equals(PATH)) {
                exchange.sendResponseHeaders(404, -1);
            } else if (!exchange.getRequestMethod().equals("GET")) {
                exchange.getResponseHeaders().set("Allow", "GET");
                exchange.sendResponseHeaders(405, -1);
            } else {
                // Buffered, so the response carries its length; an exposition is kilobytes, not megabytes.
                ByteArrayOutputStream body = new ByteArrayOutputStream(16_384);
                registry.scrape(body, PrometheusTextFormatWriter.CONTENT_TYPE);
                exchange.getResponseHeaders().set("Content-Type", PrometheusTextFormatWriter.CONTENT_TYPE);
                // The server writes the headers and the body apart; on a kept-alive connection Nagle's
                // algorithm holds the body until the client's delayed ACK, 40 ms on Linux (measured: a
                // 2 KB scrape took 50 ms at the median). Closing sends it at once; scrapes are seconds apart.
                exchange.getResponseHeaders().set("Connection", "close");
                exchange.sendResponseHeaders(200, body.size());
                try (OutputStream out = exchange.getResponseBody()) {
                    body.writeTo(out);
                }
            }
        }
    }

    private static String hostInUri(String host) {
        return host.indexOf(':') >= 0 ? "[" + host + "]" : host;
    }
}
