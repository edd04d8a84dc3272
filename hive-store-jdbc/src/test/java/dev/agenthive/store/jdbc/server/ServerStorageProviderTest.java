package dev.agenthive.store.jdbc.server;

import dev.agenthive.api.spi.StorageSettings;
import dev.agenthive.api.store.HiveStore;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The warning every server store logs when it opens with a weak TLS mode towards another machine. */
class ServerStorageProviderTest {
    private static final ServerUrl.Syntax SYNTAX = new ServerUrl.Syntax("example", List.of(), 4000);

    @Test
    void aWeakModeOffLoopbackIsLoggedOnceAtOpen() {
        String remote = logOfOpening("example://u@db.example.com/x?tls=disable");
        String loopback = logOfOpening("example://u@127.0.0.1/x?tls=disable");

        assertThat(remote.lines().filter(line -> line.contains("WARN"))).hasSize(1);
        assertThat(remote).contains("Example: example store at db.example.com:4000 uses tls=disable");
        assertThat(loopback).doesNotContain("WARN");
    }

    /** What slf4j-simple wrote to System.err while the provider opened the URL. */
    private static String logOfOpening(String url) {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            new ExampleProvider().open(new StorageSettings(url, false, Map.of(), Clock.systemUTC()));
        } finally {
            System.setErr(original);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }

    /** A provider that parses and checks like a server store but connects to nothing. */
    private static final class ExampleProvider extends ServerStorageProvider<ServerUrl> {
        ExampleProvider() {
            super("example", "Example");
        }

        @Override
        public boolean accepts(String url) {
            return SYNTAX.accepts(url);
        }

        @Override
        protected ServerUrl parseUrl(String url) {
            return SYNTAX.parse(url).withTlsDefault("tls", Set.of("disable", "verify-full"), Set.of("disable"),
                    "disable", "verify-full");
        }

        @Override
        protected Optional<ServerUrl> serverUrl(ServerUrl url) {
            return Optional.of(url);
        }

        @Override
        protected HiveStore open(ServerUrl url, ServerStoreConfig config, StorageSettings settings) {
            return null;
        }
    }
}
