package dev.agenthive.metrics.prometheus;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Stage;
import com.google.inject.multibindings.OptionalBinder;
import dev.agenthive.api.agent.AgentRegistration;
import dev.agenthive.core.Hive;
import dev.agenthive.core.HiveModule;
import dev.agenthive.core.config.HiveConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The code of the README's "Metrics" section, line for line but for the configuration (a file in a
 * temporary folder instead of {@code HiveConfig.load()}) and the port (any free one instead of 9464),
 * so that a change of the api that breaks the README breaks the build.
 */
class ReadmeMetricsTest {
    private static final String HIT = "cache_gets_total{cache=\"agents\",result=\"hit\"}";

    @TempDir
    Path dir;

    @Test
    void yourOwnRegistryWithoutGuice() {
        HiveConfig config = PrometheusEndpointTest.config(dir);

        MeterRegistry registry = new SimpleMeterRegistry();
        try (Hive hive = Hive.open(config, registry)) {
            readTwice(hive);

            assertThat(registry.get("cache.gets").tag("cache", "agents").tag("result", "hit").functionCounter().count())
                    .isEqualTo(1);
        }
    }

    @Test
    void yourOwnRegistryWithGuice() {
        HiveConfig config = PrometheusEndpointTest.config(dir);
        MeterRegistry registry = new SimpleMeterRegistry();

        Injector injector = Guice.createInjector(new HiveModule(config), new AbstractModule() {
            @Override
            protected void configure() {
                OptionalBinder.newOptionalBinder(binder(), MeterRegistry.class).setBinding().toInstance(registry);
            }
        });

        try (Hive hive = injector.getInstance(Hive.class)) {
            readTwice(hive);

            assertThat(registry.get("cache.gets").tag("cache", "agents").tag("result", "hit").functionCounter().count())
                    .isEqualTo(1);
        }
    }

    @Test
    void thePrometheusEndpoint() throws Exception {
        HiveConfig config = PrometheusEndpointTest.config(dir);

        try (PrometheusEndpoint endpoint = PrometheusEndpoint.start("0.0.0.0", 0);
             Hive hive = Hive.open(config, endpoint.registry())) {
            readTwice(hive);

            assertThat(scrape(endpoint).value(HIT)).isEqualTo(1.0);
        }
    }

    @Test
    void thePrometheusEndpointWithGuiceInAStrictProductionInjector() throws Exception {
        HiveConfig config = PrometheusEndpointTest.config(dir);
        AbstractModule strict = new AbstractModule() {
            @Override
            protected void configure() {
                binder().requireExplicitBindings();
                binder().disableCircularProxies();
            }
        };

        try (PrometheusEndpoint endpoint = PrometheusEndpoint.start("127.0.0.1", 0)) {
            Injector injector = Guice.createInjector(Stage.PRODUCTION, strict,
                    new HiveModule(config), new PrometheusModule(endpoint));
            try (Hive hive = injector.getInstance(Hive.class)) {
                readTwice(hive);

                assertThat(injector.getInstance(PrometheusEndpoint.class)).isSameAs(endpoint);
                assertThat(scrape(endpoint).value(HIT)).isEqualTo(1.0);
            }
        }
    }

    private static void readTwice(Hive hive) {
        hive.agents().register(AgentRegistration.of("a", "worker", Set.of()));
        hive.agents().find("a");
        hive.agents().find("a");
    }

    private static Exposition scrape(PrometheusEndpoint endpoint) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + endpoint.port() + PrometheusEndpoint.PATH)).build();
        return Exposition.parse(HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()).body());
    }
}
