package dev.agenthive.core.observe;

import dev.agenthive.api.error.NotFoundException;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OperationMetersTest {

    /** A service with the shapes the hive's services have: results, hive failures, other failures, checked ones. */
    interface Greeter {
        String greet(String name) throws IOException;
    }

    private static final Greeter GREETER = name -> switch (name) {
        case "missing" -> throw new NotFoundException("agent", name);
        case "broken" -> throw new IllegalStateException("broken");
        case "io" -> throw new IOException("disk");
        default -> "hello " + name;
    };

    @Test
    void withoutRegistryAndSlowOperationLogTheServiceIsHandedOutAsItIs() {
        assertThat(new OperationMeters(null, null).observe(Greeter.class, "greeter", GREETER)).isSameAs(GREETER);
    }

    @Test
    void everyCallIsTimedByOperationAndOutcomeAndItsResultOrFailurePassesThroughUnchanged() throws IOException {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        List<DistributionStatisticConfig> distributions = new ArrayList<>();
        registry.config().meterFilter(new MeterFilter() {
            @Override
            public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
                distributions.add(config);
                return config;
            }
        });
        Greeter observed = new OperationMeters(registry, null).observe(Greeter.class, "greeter", GREETER);

        assertThat(observed.greet("a")).isEqualTo("hello a");
        assertThat(observed.greet("b")).isEqualTo("hello b");
        assertThatThrownBy(() -> observed.greet("missing")).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> observed.greet("broken")).isInstanceOf(IllegalStateException.class).hasMessage("broken");
        assertThatThrownBy(() -> observed.greet("io")).isInstanceOf(IOException.class).hasMessage("disk");

        assertThat(counts(registry)).isEqualTo(Map.of(
                "greeter.greet success", 2L,
                "greeter.greet not_found", 1L,
                "greeter.greet error", 2L));
        assertThat(distributions).as("every timer publishes a percentile histogram").hasSize(3)
                .allSatisfy(config -> assertThat(config.isPercentileHistogram()).isTrue());
    }

    @Test
    void theProxyIsEqualOnlyToItselfAndNamesTheService() {
        Greeter observed = new OperationMeters(new SimpleMeterRegistry(), null).observe(Greeter.class, "greeter", GREETER);
        Greeter other = new OperationMeters(new SimpleMeterRegistry(), null).observe(Greeter.class, "greeter", GREETER);

        assertThat(observed).isEqualTo(observed).isNotEqualTo(other).hasSameHashCodeAs(observed);
        assertThat(observed.toString()).startsWith("observed ");
    }

    @Test
    void aCallSlowerThanTheThresholdIsReportedOnceWithTheStatementsItRan() throws IOException {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        SlowOperations slow = new SlowOperations(Duration.ofMillis(50), Clock.systemUTC(), registry);
        Greeter inner = name -> {
            slow.current().statement("dev.agenthive.store.jdbc.agent.AgentMapper.find");
            if (name.equals("slow")) {
                sleep(80);
            }
            return name;
        };
        OperationMeters meters = new OperationMeters(registry, slow);
        Greeter observedInner = meters.observe(Greeter.class, "inner", inner);
        Greeter outer = meters.observe(Greeter.class, "outer", name -> observedInner.greet(name));

        outer.greet("fast");
        outer.greet("slow");

        assertThat(slow.recent()).singleElement().satisfies(call -> {
            assertThat(call.operation()).as("the outer call reports, the nested one does not").isEqualTo("outer.greet");
            assertThat(call.outcome()).isEqualTo("success");
            assertThat(call.millis()).isGreaterThanOrEqualTo(50);
            assertThat(call.statements()).containsExactly("AgentMapper.find");
        });
        assertThat(registry.get(SlowOperations.COUNTER).tag("operation", "outer.greet").counter().count()).isEqualTo(1);
        assertThat(registry.find(SlowOperations.COUNTER).tag("operation", "inner.greet").counter()).isNull();
        assertThat(slow.current()).as("no scope is left open on the thread").isNull();
    }

    private static Map<String, Long> counts(SimpleMeterRegistry registry) {
        Map<String, Long> counts = new TreeMap<>();
        registry.find(OperationMeters.TIMER).timers().forEach(timer -> counts.put(
                timer.getId().getTag("operation") + " " + timer.getId().getTag("outcome"), timer.count()));
        return counts;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
