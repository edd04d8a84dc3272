package dev.agenthive.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code hive demo --metrics-port}: the running demo's meters can be scraped, and the port is free once it ends. */
class DemoMetricsTest {
    private static final Pattern ADDRESS = Pattern.compile("meters for Prometheus on (http://127\\.0\\.0\\.1:(\\d+)/metrics)");

    @TempDir
    Path dir;

    @Test
    void aRunningDemoServesItsMetersAndFreesThePortWhenItEnds() throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CompletableFuture<Integer> demo = CompletableFuture.supplyAsync(() -> HiveCommand.commandLine(
                new PrintWriter(out, true), new PrintWriter(err, true), Map.of())
                .execute("--storage", "sqlite:" + dir.resolve("demo.db"), "demo", "--agents", "4", "--tasks", "400",
                        "--seconds", "300", "--metrics-port", "0"));

        Matcher address = awaitAddress(out, demo);
        HttpResponse<String> scrape = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(address.group(1))).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        int exitCode = demo.get(5, TimeUnit.MINUTES);

        assertThat(exitCode).as(err.toString()).isZero();
        assertThat(scrape.statusCode()).isEqualTo(200);
        assertThat(scrape.body()).containsPattern("(?m)^cache_gets_total\\{cache=\"agents\",result=\"hit\"} \\S+$")
                .contains("# TYPE cache_gets_total counter");
        int port = Integer.parseInt(address.group(2));
        try (ServerSocket again = new ServerSocket(port, 50, InetAddress.getByName("127.0.0.1"))) {
            assertThat(again.getLocalPort()).isEqualTo(port);
        }
    }

    @Test
    void aPortOutOfRangeIsAUsageErrorAndATakenOneFailsTheDemo() throws IOException {
        StringWriter outOfRange = new StringWriter();
        int usage = HiveCommand.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(outOfRange, true), Map.of())
                .execute("--storage", "sqlite:" + dir.resolve("x.db"), "demo", "--metrics-port", "65536");

        assertThat(usage).isEqualTo(2);
        assertThat(outOfRange.toString()).startsWith("hive demo: FAILED: --metrics-port: must be between 0 and 65535, was 65536");
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            StringWriter takenErr = new StringWriter();
            int failed = HiveCommand.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(takenErr, true), Map.of())
                    .execute("--storage", "sqlite:" + dir.resolve("x.db"), "demo", "--metrics-port",
                            String.valueOf(taken.getLocalPort()));

            assertThat(failed).isEqualTo(1);
            assertThat(takenErr.toString().strip()).startsWith("hive demo: FAILED: ")
                    .contains("cannot serve metrics on 127.0.0.1:" + taken.getLocalPort()).doesNotContain("\n");
        }
        assertThat(dir.resolve("x.db")).doesNotExist();
    }

    private static Matcher awaitAddress(StringWriter out, CompletableFuture<Integer> demo) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (System.nanoTime() < deadline) {
            Matcher matcher = ADDRESS.matcher(out.toString());
            if (matcher.find()) {
                return matcher;
            }
            if (demo.isDone()) {
                throw new AssertionError("the demo ended before it printed its metrics address: " + out);
            }
            Thread.sleep(5);
        }
        throw new AssertionError("the demo never printed its metrics address: " + out);
    }
}
