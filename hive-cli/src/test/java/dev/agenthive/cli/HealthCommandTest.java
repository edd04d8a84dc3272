package dev.agenthive.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code hive health} run as a user runs it, on real failures: its exit code is the verdict (0 up,
 * 1 degraded, 2 down) and {@code --json} the same report for probes.
 */
class HealthCommandTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void aFreshStoreIsUpInEveryPart() throws IOException {
        String storage = "sqlite:" + dir.resolve("hive.db");

        Run text = run("--storage", storage, "health");
        Run json = run("--storage", storage, "health", "--json");

        assertThat(text.exitCode).as(text.toString()).isZero();
        assertThat(text.out).startsWith("hive  UP")
                .containsPattern("(?m)^store  UP  sqlite  sqlite:.*hive\\.db$")
                .containsPattern("(?m)^  journal_mode = wal$")
                .containsPattern("(?m)^  wal_bytes = \\d+$")
                .containsPattern("(?m)^notifier  UP  in-process$")
                .containsPattern("(?m)^cache  UP  caffeine  caffeine:$")
                .containsPattern("(?m)^blob-store  UP  file  file:.*hive\\.db-blobs/?$")
                .doesNotContain("last error");
        assertThat(json.exitCode).as(json.toString()).isZero();
        JsonNode health = MAPPER.readTree(json.out);
        assertThat(health.get("status").asText()).isEqualTo("UP");
        assertThat(fieldNames(health.get("components"))).containsExactly("store", "notifier", "cache", "blob-store");
        JsonNode store = health.get("components").get("store");
        assertThat(store.get("status").asText()).isEqualTo("UP");
        assertThat(store.get("provider").asText()).isEqualTo("sqlite");
        assertThat(store.get("details").get("journal_mode").asText()).isEqualTo("wal");
        assertThat(store.get("lastError").isNull()).isTrue();
    }

    @Test
    void aCacheThatDoesNotAnswerLeavesTheHiveDegraded() throws IOException {
        String storage = "sqlite:" + dir.resolve("hive.db");
        String cache = "redis://127.0.0.1:" + closedPort();

        Run text = run("--storage", storage, "--cache", cache, "health");
        Run json = run("--storage", storage, "--cache", cache, "health", "--json");

        assertThat(text.exitCode).as(text.toString()).isEqualTo(1);
        assertThat(text.out).startsWith("hive  DEGRADED")
                .containsPattern("(?m)^store  UP  sqlite")
                .containsPattern("(?m)^cache  DEGRADED  redis  " + cache)
                .containsPattern("(?m)^  connected = false$");
        assertThat(json.exitCode).as(json.toString()).isEqualTo(1);
        JsonNode health = MAPPER.readTree(json.out);
        assertThat(health.get("status").asText()).isEqualTo("DEGRADED");
        assertThat(health.get("components").get("cache").get("status").asText()).isEqualTo("DEGRADED");
        assertThat(health.get("components").get("store").get("status").asText()).isEqualTo("UP");
    }

    @Test
    void aStoreThatCannotBeOpenedIsDown() throws IOException {
        Path notAFolder = Files.writeString(dir.resolve("a-file"), "in the way");
        String storage = "sqlite:" + notAFolder.resolve("hive.db");
        String blobs = "file:" + dir.resolve("blobs");

        Run text = run("--storage", storage, "--blob", blobs, "health");
        Run json = run("--storage", storage, "--blob", blobs, "health", "--json");

        assertThat(text.exitCode).as(text.toString()).isEqualTo(2);
        assertThat(text.out).startsWith("hive  DOWN").containsPattern("(?m)^store  DOWN  none$")
                .containsPattern("(?m)^  last error: cannot open the store: .*a-file");
        assertThat(text.err).isEmpty();
        assertThat(json.exitCode).as(json.toString()).isEqualTo(2);
        JsonNode health = MAPPER.readTree(json.out);
        assertThat(health.get("status").asText()).isEqualTo("DOWN");
        assertThat(fieldNames(health.get("components"))).containsExactly("store");
        assertThat(health.get("components").get("store").get("lastError").asText()).startsWith("cannot open the store: ");
    }

    @Test
    void aConfigurationThatCannotBeReadIsDown() throws IOException {
        Path config = Files.writeString(dir.resolve("hive.properties"), "hive.task.lease=forever\n");

        Run run = run("--storage", "sqlite:" + dir.resolve("hive.db"), "--config", config.toString(), "health");

        assertThat(run.exitCode).as(run.toString()).isEqualTo(2);
        assertThat(run.out).contains("last error: cannot open the store: hive.task.lease: must be a duration");
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** A local port nothing listens on: one the system just handed out and took back. */
    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exitCode = HiveCommand.commandLine(new PrintWriter(out, true), new PrintWriter(err, true), Map.of())
                .execute(args);
        return new Run(exitCode, out.toString(), err.toString());
    }

    private record Run(int exitCode, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- out\n" + out + "\n--- err\n" + err;
        }
    }
}
