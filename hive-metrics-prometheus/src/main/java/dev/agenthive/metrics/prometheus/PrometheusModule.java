package dev.agenthive.metrics.prometheus;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.OptionalBinder;
import dev.agenthive.api.Checks;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Puts an endpoint's registry into the {@code OptionalBinder<MeterRegistry>} of
 * {@link dev.agenthive.core.HiveModule}, so the hive the injector builds registers its meters there:
 * {@code Guice.createInjector(new HiveModule(config), new PrometheusModule(endpoint))}. The endpoint is
 * bound too, for whoever wants its port. It stays the caller's to close, after the hive: the injector
 * owns nothing that needs closing but the hive.
 */
public final class PrometheusModule extends AbstractModule {
    private final PrometheusEndpoint endpoint;

    /** A module binding {@code endpoint}'s registry as the hive's meter registry. */
    public PrometheusModule(PrometheusEndpoint endpoint) {
        this.endpoint = Checks.notNull(endpoint, "endpoint");
    }

    @Override
    protected void configure() {
        OptionalBinder.newOptionalBinder(binder(), MeterRegistry.class).setBinding().toInstance(endpoint.registry());
        bind(PrometheusEndpoint.class).toInstance(endpoint);
    }
}
