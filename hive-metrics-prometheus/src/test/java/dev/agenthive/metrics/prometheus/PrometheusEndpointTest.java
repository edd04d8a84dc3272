package dev.agenthive.metrics.prometheus;

import dev.agenthive.api.agent.AgentRegistration;
import dev.agenthive.api.agent.AgentStatus;
import dev.agenthive.api.error.ErrorCode;
import dev.agenthive.api.error.HiveException;
import dev.agenthive.api.error.InvalidInputException;
import dev.agenthive.core.Hive;
import dev.agenthive.core.config.HiveConfig;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A real hive on a SQLite file, its meters scraped over HTTP as a Prometheus server scrapes them. */
class PrometheusEndpointTest {
    private static final String LOOPBACK = "127.0.0.1";

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    /** A hive on {@code dir/hive.db} without background maintenance, whose reads would change the counts. */
    static HiveConfig config(Path dir) {
        return HiveConfig.builder().isolated()
                .storageUrl("sqlite:" + dir.resolve("hive.db"))
                .maintenanceInterval(Duration.ZERO)
                .build();
    }

    @Test
    void aScrapeShowsTheHivesCacheMetersWithWhatTheReadsDid() throws Exception {
        try (PrometheusEndpoint endpoint = PrometheusEndpoint.start(LOOPBACK, 0);
             Hive hive = Hive.open(config(dir), endpoint.registry())) {
            hive.agents().register(AgentRegistration.of("a", "worker", Set.of()));
            for (int i = 0; i < 10; i++) {
                hive.agents().find("a");
            }
            hive.agents().setStatus("a", AgentStatus.IDLE);
            hive.agents().find("a");
            // The meters must outlive a collection: Micrometer holds their objects weakly.
            System.gc();

            HttpResponse<String> response = get(endpoint.uri());

            assertThat(endpoint.uri()).isEqualTo(URI.create("http://127.0.0.1:" + endpoint.port() + "/metrics"));
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).hasValue(PrometheusTextFormatWriter.CONTENT_TYPE);
            assertThat(response.headers().firstValue("Connection")).as("no 40 ms wait for a delayed ACK").hasValue("close");
            Exposition exposition = Exposition.parse(response.body());
            assertThat(exposition.value("cache_gets_total{cache=\"agents\",result=\"hit\"}")).isEqualTo(9.0);
            assertThat(exposition.value("cache_gets_total{cache=\"agents\",result=\"miss\"}"))
                    .as("the first read and the read after the write").isEqualTo(2.0);
            assertThat(exposition.value("cache_hit_ratio{cache=\"agents\"}")).isEqualTo(9.0 / 11);
            assertThat(exposition.value("cache_loads_seconds_count{cache=\"agents\"}")).isEqualTo(2.0);
            assertThat(exposition.value("cache_invalidations_total{cache=\"agents\"}")).isPositive();
        }
    }

    @Test
    void everyScrapeReadsTheMetersAsTheyAreThen() throws Exception {
        try (PrometheusEndpoint endpoint = PrometheusEndpoint.start(LOOPBACK, 0);
             Hive hive = Hive.open(config(dir), endpoint.registry())) {
            hive.agents().register(AgentRegistration.of("a", "worker", Set.of()));
            hive.agents().find("a");
            Exposition before = Exposition.parse(get(endpoint.uri()).body());
            for (int i = 0; i < 5; i++) {
                hive.agents().find("a");
            }
            Exposition after = Exposition.parse(get(endpoint.uri()).body());

            String hits = "cache_gets_total{cache=\"agents\",result=\"hit\"}";
            assertThat(after.value(hits)).isEqualTo(before.value(hits) + 5);
        }
    }

    @Test
    void metersTheHiveDoesNotKnowAreServedTooAndStayWellFormed() throws Exception {
        try (PrometheusEndpoint endpoint = PrometheusEndpoint.start(LOOPBACK, 0)) {
            Timer timer = Timer.builder("test.work").tag("outcome", "ok").publishPercentileHistogram()
                    .register(endpoint.registry());
            timer.record(Duration.ofMillis(3));
            timer.record(Duration.ofMillis(40));
            endpoint.registry().counter("test.odd", "text", "quote \" backslash \\ line\nfeed").increment();

            Exposition exposition = Exposition.parse(get(endpoint.uri()).body());

            assertThat(exposition.value("test_work_seconds_count{outcome=\"ok\"}")).isEqualTo(2.0);
            assertThat(exposition.value("test_work_seconds_bucket{outcome=\"ok\",le=\"+Inf\"}")).isEqualTo(2.0);
            assertThat(exposition.value("test_odd_total{text=\"quote \\\" backslash \\\\ line\\nfeed\"}")).isEqualTo(1.0);
        }
    }

    @Test
    void closingTheEndpointStopsServingAndFreesItsPort() throws Exception {
        PrometheusEndpoint endpoint = PrometheusEndpoint.start(LOOPBACK, 0);
        int port = endpoint.port();
        assertThat(get(endpoint.uri()).statusCode()).isEqualTo(200);

        endpoint.close();
        endpoint.close();

        assertThatThrownBy(() -> get(endpoint.uri())).isInstanceOf(IOException.class);
        try (ServerSocket again = new ServerSocket(port, 50, InetAddress.getByName(LOOPBACK))) {
            assertThat(again.getLocalPort()).isEqualTo(port);
        }
    }

    @Test
    void theEndpointClosesTheRegistryItMadeButNotOneItWasGiven() {
        PrometheusMeterRegistry given = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        PrometheusEndpoint serving = PrometheusEndpoint.start(given, LOOPBACK, 0);
        PrometheusEndpoint owning = PrometheusEndpoint.start(LOOPBACK, 0);

        serving.close();
        owning.close();

        assertThat(serving.registry()).isSameAs(given);
        assertThat(given.isClosed()).isFalse();
        assertThat(owning.registry().isClosed()).isTrue();
        given.close();
    }

    @Test
    void onlyGetOfTheMetricsPathIsAnswered() throws Exception {
        try (PrometheusEndpoint endpoint = PrometheusEndpoint.start(LOOPBACK, 0)) {
            HttpResponse<String> other = get(endpoint.uri().resolve("/metrics/more"));
            HttpResponse<String> post = http.send(HttpRequest.newBuilder(endpoint.uri())
                    .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());

            assertThat(other.statusCode()).isEqualTo(404);
            assertThat(post.statusCode()).isEqualTo(405);
            assertThat(post.headers().firstValue("Allow")).hasValue("GET");
        }
    }

    @Test
    void aTakenPortIsAConfigurationErrorNamingTheAddress() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName(LOOPBACK))) {
            assertThatThrownBy(() -> PrometheusEndpoint.start(LOOPBACK, taken.getLocalPort()))
                    .isInstanceOfSatisfying(HiveException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFIGURATION))
                    .hasMessageContaining("cannot serve metrics on 127.0.0.1:" + taken.getLocalPort());
        }
    }

    @Test
    void aBadAddressIsRefusedNamingTheField() {
        assertThatThrownBy(() -> PrometheusEndpoint.start(LOOPBACK, -1))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("port");
        assertThatThrownBy(() -> PrometheusEndpoint.start(LOOPBACK, 65_536))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("port");
        assertThatThrownBy(() -> PrometheusEndpoint.start(" ", 0))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("host");
        assertThatThrownBy(() -> PrometheusEndpoint.start(null, LOOPBACK, 0))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("registry");
    }

    private HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
