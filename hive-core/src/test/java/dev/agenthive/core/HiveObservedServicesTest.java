package dev.agenthive.core;

import dev.agenthive.core.config.HiveConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The services a hive hands out are wrapped only when someone watches them. */
class HiveObservedServicesTest {
    @TempDir
    Path dir;

    @Test
    void withoutRegistryAndWithTheSlowOperationLogOffTheServicesAreThePlainOnes() {
        HiveConfig config = TestHives.config(dir).set(HiveConfig.SLOW_OPERATION, Duration.ZERO).build();
        try (Hive hive = TestHives.open(config, Clock.systemUTC())) {
            assertThat(services(hive)).allSatisfy(service -> {
                assertThat(Proxy.isProxyClass(service.getClass())).as("%s is a proxy", service).isFalse();
                assertThat(service.getClass().getSimpleName()).startsWith("Default");
            });
            assertThat(hive.tasks()).isInstanceOf(DefaultTaskService.class);
        }
    }

    @Test
    void theSlowOperationLogAloneWrapsThem() {
        try (Hive hive = TestHives.open(TestHives.config(dir).build(), Clock.systemUTC())) {
            assertThat(services(hive)).allSatisfy(service -> assertThat(Proxy.isProxyClass(service.getClass())).isTrue());
        }
    }

    @Test
    void aRegistryAloneWrapsThem() {
        HiveConfig config = TestHives.config(dir).set(HiveConfig.SLOW_OPERATION, Duration.ZERO).build();
        try (Hive hive = Hive.open(config, Plugins.discover(), Clock.systemUTC(), new SimpleMeterRegistry())) {
            assertThat(services(hive)).allSatisfy(service -> assertThat(Proxy.isProxyClass(service.getClass())).isTrue());
        }
    }

    private static List<Object> services(Hive hive) {
        return List.of(hive.agents(), hive.tasks(), hive.messages(), hive.events(), hive.sharedMemory(),
                hive.projects(), hive.metrics(), hive.checkpoints(), hive.git(), hive.pullRequests(),
                hive.configurations(), hive.sessions(), hive.memory());
    }
}
