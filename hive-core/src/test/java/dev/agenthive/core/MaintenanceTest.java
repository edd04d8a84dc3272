package dev.agenthive.core;

import dev.agenthive.api.agent.AgentRegistration;
import dev.agenthive.api.error.StorageUnavailableException;
import dev.agenthive.api.service.TaskService;
import dev.agenthive.api.store.HiveStore;
import dev.agenthive.core.config.HiveConfig;
import dev.agenthive.core.observe.DomainMeters;
import dev.agenthive.core.provider.StorageProviders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class MaintenanceTest {
    @TempDir
    Path dir;

    @Test
    void aFailingJobIsReportedWhileTheOtherJobsStillRun() {
        TestClock clock = new TestClock(Instant.now());
        try (Hive hive = TestHives.open(TestHives.config(dir).build(), clock)) {
            hive.agents().register(AgentRegistration.of("stale", "coder", Set.of()));
            clock.advance(Duration.ofHours(1));
            HiveStore store = openStore(hive.config(), clock);
            try (Maintenance maintenance = maintenance(hive, store, failingRequeue(hive.tasks(), new AtomicInteger()))) {

                MaintenanceReport report = maintenance.runOnce();

                assertThat(report.succeeded()).isFalse();
                assertThat(report.failures()).singleElement()
                        .satisfies(line -> assertThat(line).startsWith("requeue-expired: ").contains("store went away"));
                assertThat(report.crashedAgents()).containsExactly("stale");
            } finally {
                store.close();
            }
        }
    }

    @Test
    void theScheduleKeepsRunningAfterAJobFails() throws InterruptedException {
        HiveConfig config = TestHives.config(dir).maintenanceInterval(Duration.ofMillis(5)).build();
        try (Hive hive = Hive.open(TestHives.config(dir).build())) {
            AtomicInteger failures = new AtomicInteger();
            HiveStore store = openStore(config, Clock.systemUTC());
            Maintenance maintenance = new Maintenance(store, hive.agents(), failingRequeue(hive.tasks(), failures),
                    hive.messages(), hive.events(), hive.sharedMemory(), TestHives.uncachedAccessRecorder(), config,
                    DomainMeters.none(), TestHives.noSlowOperationEvents(store), TestHives.noAlerts(store));
            try {
                maintenance.start();

                TestHives.awaitCondition("three failed rounds", () -> failures.get() >= 3);
            } finally {
                maintenance.close();
                store.close();
            }
            int afterClose = failures.get();
            Thread.sleep(50);
            assertThat(failures.get()).isEqualTo(afterClose);
        }
    }

    private static Maintenance maintenance(Hive hive, HiveStore store, TaskService tasks) {
        return new Maintenance(store, hive.agents(), tasks, hive.messages(), hive.events(), hive.sharedMemory(),
                TestHives.uncachedAccessRecorder(), hive.config(), DomainMeters.none(),
                TestHives.noSlowOperationEvents(store), TestHives.noAlerts(store));
    }

    private static HiveStore openStore(HiveConfig config, Clock clock) {
        return StorageProviders.discover(List.of())
                .open(Hive.storageSettings(config, clock));
    }

    /** The real task service, except that requeueExpired fails as it would with the store gone. */
    private static TaskService failingRequeue(TaskService real, AtomicInteger failures) {
        return (TaskService) Proxy.newProxyInstance(TaskService.class.getClassLoader(), new Class<?>[]{TaskService.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("requeueExpired")) {
                        failures.incrementAndGet();
                        throw new StorageUnavailableException("store went away", null);
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
