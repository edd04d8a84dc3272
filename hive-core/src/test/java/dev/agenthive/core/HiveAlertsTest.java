package dev.agenthive.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agenthive.api.agent.AgentRegistration;
import dev.agenthive.api.error.ErrorCode;
import dev.agenthive.api.error.HiveException;
import dev.agenthive.api.event.Event;
import dev.agenthive.api.event.EventQuery;
import dev.agenthive.api.event.NewEvent;
import dev.agenthive.api.event.Severity;
import dev.agenthive.api.json.Json;
import dev.agenthive.api.memory.SharedMemoryRepository;
import dev.agenthive.api.store.HiveStore;
import dev.agenthive.api.task.NewTask;
import dev.agenthive.api.task.Task;
import dev.agenthive.core.alert.ActiveAlert;
import dev.agenthive.core.alert.AlertEvaluator;
import dev.agenthive.core.config.HiveConfig;
import dev.agenthive.core.json.JsonCodec;
import dev.agenthive.core.provider.StorageProviders;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Alert rules evaluated by maintenance rounds on a real SQLite file: one {@code alert.raised} per
 * crossing, hysteresis between the threshold and the clear level, one {@code alert.cleared} per
 * recovery, however many rounds and however many hives on the same file run them.
 */
class HiveAlertsTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path dir;

    /** The rule of the issue: raised above 5 waiting tasks, cleared at 2 or fewer. */
    private HiveConfig.Builder deepQueue() {
        return TestHives.config(dir)
                .set("hive.alert.deep-queue.source", "query:queue.depth")
                .set("hive.alert.deep-queue.threshold", "5")
                .set("hive.alert.deep-queue.clear", "2");
    }

    @Test
    void aQueueDepthCrossingRaisesOnceHoldsBetweenTheLevelsAndClearsOnce() throws Exception {
        try (Hive hive = Hive.open(deepQueue().build())) {
            List<Task> tasks = enqueue(hive, 10);

            hive.runMaintenance();

            assertThat(events(hive, AlertEvaluator.RAISED)).singleElement().satisfies(event -> {
                assertThat(event.severity()).isEqualTo(Severity.WARNING);
                assertThat(event.correlationId()).isEqualTo("alert:deep-queue");
                JsonNode details = MAPPER.readTree(event.details().text());
                assertThat(details.get("alert").asText()).isEqualTo("deep-queue");
                assertThat(details.get("source").asText()).isEqualTo("query:queue.depth");
                assertThat(details.get("value").asLong()).isEqualTo(10);
                assertThat(details.get("threshold").asLong()).isEqualTo(5);
                assertThat(details.get("clear").asLong()).isEqualTo(2);
                assertThat(details.get("window").isNull()).as("a level has no window").isTrue();
            });
            assertThat(hive.activeAlerts()).singleElement().satisfies(alert -> {
                assertThat(alert.name()).isEqualTo("deep-queue");
                assertThat(alert.value()).isEqualTo(10);
                assertThat(alert.threshold()).isEqualTo(5);
            });

            hive.runMaintenance();
            hive.runMaintenance();
            assertThat(events(hive, AlertEvaluator.RAISED)).as("raised once, not on every round").hasSize(1);

            complete(hive, tasks.subList(0, 7));
            hive.runMaintenance();
            assertThat(events(hive, AlertEvaluator.CLEARED)).as("3 is above the clear level 2").isEmpty();
            assertThat(hive.activeAlerts()).singleElement()
                    .satisfies(alert -> assertThat(alert.value()).as("the latest value").isEqualTo(3));

            complete(hive, tasks.subList(7, 9));
            hive.runMaintenance();
            hive.runMaintenance();

            assertThat(events(hive, AlertEvaluator.CLEARED)).singleElement().satisfies(event -> {
                JsonNode details = MAPPER.readTree(event.details().text());
                assertThat(details.get("alert").asText()).isEqualTo("deep-queue");
                assertThat(details.get("value").asLong()).isEqualTo(1);
                assertThat(event.severity()).isEqualTo(Severity.INFO);
            });
            assertThat(events(hive, AlertEvaluator.RAISED)).hasSize(1);
            assertThat(hive.activeAlerts()).isEmpty();
        }
    }

    @Test
    void twoHivesOnOneFileRacingTheirRoundsRaiseAndClearOnce() throws Exception {
        HiveConfig config = deepQueue().build();
        try (Hive one = Hive.open(config); Hive two = Hive.open(config)) {
            List<Task> tasks = enqueue(one, 10);

            race(one, two);
            assertThat(events(one, AlertEvaluator.RAISED)).hasSize(1);

            complete(one, tasks.subList(0, 9));
            race(two, one);

            assertThat(events(two, AlertEvaluator.CLEARED)).hasSize(1);
            assertThat(events(two, AlertEvaluator.RAISED)).hasSize(1);
            assertThat(two.activeAlerts()).isEmpty();
        }
    }

    /**
     * Two processes' evaluators that both read the alert's state before either changes it, forced by a
     * barrier on that read: the compare-and-set lets one of them raise it (then clear it), the other's
     * transaction fails and records nothing.
     */
    @Test
    void twoEvaluatorsThatBothReadTheStateFirstRecordOneCrossingEach() throws Exception {
        HiveConfig config = deepQueue().build();
        try (Hive hive = Hive.open(config);
             HiveStore first = openStore(config);
             HiveStore second = openStore(config)) {
            List<Task> tasks = enqueue(hive, 10);

            evaluateTogether(config, first, second);
            assertThat(events(hive, AlertEvaluator.RAISED)).hasSize(1);
            assertThat(hive.activeAlerts()).hasSize(1);

            complete(hive, tasks.subList(0, 9));
            evaluateTogether(config, first, second);
            assertThat(events(hive, AlertEvaluator.CLEARED)).hasSize(1);
            assertThat(hive.activeAlerts()).isEmpty();
        }
    }

    @Test
    void theDefaultRulesWatchDeadLettersCrashedAgentsAndErrorsOverTheirWindows() throws Exception {
        TestClock clock = new TestClock(Instant.now());
        try (Hive hive = TestHives.open(TestHives.config(dir).build(), clock)) {
            hive.agents().register(AgentRegistration.of("doomed", "coder", Set.of()));
            hive.agents().register(AgentRegistration.of("worker", "coder", Set.of()));
            hive.tasks().enqueue(NewTask.builder("last try").maxAttempts(1).build());
            Task claimed = hive.tasks().claim("worker", 1, Duration.ZERO).get(0);
            hive.tasks().fail(claimed.id(), claimed.leaseToken(), Json.of("{\"why\":\"broken\"}"), true);
            for (int i = 0; i < 10; i++) {
                hive.events().record(NewEvent.of("job.failed", Severity.ERROR, null, Json.EMPTY_OBJECT));
            }
            clock.advance(Duration.ofMinutes(2));
            hive.agents().heartbeat("worker");

            hive.runMaintenance();

            assertThat(hive.activeAlerts()).extracting(ActiveAlert::name)
                    .as("the round marked 'doomed' crashed before it evaluated the rules; 11 errors are above 10")
                    .containsExactly("crashed-agents", "dead-letters", "error-rate");
            assertThat(events(hive, AlertEvaluator.RAISED)).hasSize(3);

            clock.advance(Duration.ofMinutes(6));
            hive.agents().heartbeat("worker");
            hive.runMaintenance();
            assertThat(hive.activeAlerts()).extracting(ActiveAlert::name)
                    .as("the errors left the 5m window; the death and the crash are still in their 15m")
                    .containsExactly("crashed-agents", "dead-letters");

            clock.advance(Duration.ofMinutes(10));
            hive.agents().heartbeat("worker");
            hive.runMaintenance();
            assertThat(hive.activeAlerts()).isEmpty();
            assertThat(events(hive, AlertEvaluator.CLEARED)).hasSize(3);
        }
    }

    @Test
    void aMeterRuleCountsWhatItsCounterAddedInTheWindow() {
        TestClock clock = new TestClock(Instant.now());
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        Counter failures = registry.counter("test.failures", "kind", "a");
        Counter others = registry.counter("test.failures", "kind", "b");
        failures.increment(100);
        HiveConfig config = TestHives.config(dir)
                .set("hive.alert.failing.source", "meter:test.failures")
                .set("hive.alert.failing.threshold", "3")
                .set("hive.alert.failing.window", "1m")
                .build();
        try (Hive hive = Hive.open(config, Plugins.discover(), clock, registry)) {
            failures.increment(2);
            others.increment(2);
            clock.advance(Duration.ofSeconds(10));

            hive.runMaintenance();
            assertThat(hive.activeAlerts()).singleElement().satisfies(alert -> {
                assertThat(alert.name()).isEqualTo("failing");
                assertThat(alert.value()).as("what both meters of the name added since the hive opened, not their total")
                        .isEqualTo(4);
            });

            clock.advance(Duration.ofSeconds(61));
            hive.runMaintenance();
            assertThat(hive.activeAlerts()).as("nothing added in the last minute").isEmpty();
        }
    }

    /**
     * A meter is one process's own: another process whose meter reads nothing leaves the alert alone
     * while its owner keeps evaluating it, and takes it over (here: clears it) only once the owner has
     * stopped for two windows.
     */
    @Test
    void aMeterAlertIsActedOnOnlyByTheProcessWhoseMeterRaisedItUntilThatProcessStops() {
        TestClock clock = new TestClock(Instant.now());
        SimpleMeterRegistry ownMeters = new SimpleMeterRegistry();
        SimpleMeterRegistry otherMeters = new SimpleMeterRegistry();
        HiveConfig config = TestHives.config(dir)
                .set("hive.alert.failing.source", "meter:jobs.failed")
                .set("hive.alert.failing.threshold", "3")
                .set("hive.alert.failing.window", "1m")
                .build();
        try (Hive other = Hive.open(config, Plugins.discover(), clock, otherMeters)) {
            try (Hive owner = Hive.open(config, Plugins.discover(), clock, ownMeters)) {
                ownMeters.counter("jobs.failed").increment(5);
                clock.advance(Duration.ofSeconds(10));
                owner.runMaintenance();
                assertThat(owner.activeAlerts()).extracting(ActiveAlert::name).containsExactly("failing");

                other.runMaintenance();
                clock.advance(Duration.ofSeconds(30));
                owner.runMaintenance();
                other.runMaintenance();
                assertThat(events(other, AlertEvaluator.CLEARED)).as("the other process's meter says nothing of it")
                        .isEmpty();
            }
            clock.advance(Duration.ofMinutes(1));
            other.runMaintenance();
            assertThat(events(other, AlertEvaluator.CLEARED)).as("the owner stopped only a minute ago").isEmpty();

            clock.advance(Duration.ofMinutes(2));
            other.runMaintenance();
            assertThat(events(other, AlertEvaluator.CLEARED)).hasSize(1);
            assertThat(other.activeAlerts()).isEmpty();
        }
    }

    @Test
    void aMeterRuleWithoutARegistryFailsTheOpenNamingTheKeyAndLeavesTheFileFree() {
        HiveConfig config = TestHives.config(dir)
                .set("hive.alert.failing.source", "meter:test.failures")
                .set("hive.alert.failing.threshold", "3")
                .build();

        assertThatThrownBy(() -> Hive.open(config))
                .isInstanceOfSatisfying(HiveException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFIGURATION))
                .hasMessageContaining("hive.alert.failing.source")
                .hasMessageContaining("MeterRegistry");
        try (Hive reopened = Hive.open(TestHives.config(dir).build())) {
            assertThat(reopened.activeAlerts()).isEmpty();
        }
    }

    private static List<Task> enqueue(Hive hive, int count) {
        List<Task> tasks = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            tasks.add(hive.tasks().enqueue(NewTask.builder("task " + i).build()));
        }
        return tasks;
    }

    /** Claims and completes as many tasks as given (the oldest first: all have the same priority). */
    private static void complete(Hive hive, List<Task> tasks) throws InterruptedException {
        hive.agents().register(AgentRegistration.of("drainer", "coder", Set.of()));
        for (Task ignored : tasks) {
            Task claimed = hive.tasks().claim("drainer", 1, Duration.ZERO).get(0);
            hive.tasks().complete(claimed.id(), claimed.leaseToken(), Json.EMPTY_OBJECT);
        }
    }

    /** Four threads on each hive start rounds together, three rounds each. */
    private static void race(Hive first, Hive second) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> rounds = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                Hive hive = i % 2 == 0 ? first : second;
                rounds.add(pool.submit(() -> {
                    start.await();
                    for (int round = 0; round < 3; round++) {
                        assertThat(hive.runMaintenance().failures()).isEmpty();
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> round : rounds) {
                round.get(2, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** One round of an evaluator over each store, on two threads that meet once both read the deep-queue state. */
    private static void evaluateTogether(HiveConfig config, HiveStore first, HiveStore second) throws Exception {
        CyclicBarrier bothRead = new CyclicBarrier(2);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Integer>> rounds = new ArrayList<>();
            for (HiveStore store : List.of(first, second)) {
                AlertEvaluator evaluator = new AlertEvaluator(meetingAfterFirstRead(store, "deep-queue", bothRead),
                        config.alertRules(), null, new JsonCodec(64, 1 << 20), () -> UUID.randomUUID().toString(),
                        Clock.systemUTC(), Duration.ZERO);
                rounds.add(pool.submit(evaluator::evaluate));
            }
            int changed = 0;
            for (Future<Integer> round : rounds) {
                changed += round.get(1, TimeUnit.MINUTES);
            }
            assertThat(changed).as("alerts raised or cleared by both rounds together").isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    /** The store, except that its first read of shared-memory key {@code key} returns only once {@code barrier} is passed. */
    private static HiveStore meetingAfterFirstRead(HiveStore store, String key, CyclicBarrier barrier) {
        AtomicBoolean first = new AtomicBoolean(true);
        SharedMemoryRepository memory = store.sharedMemory();
        SharedMemoryRepository meeting = (SharedMemoryRepository) Proxy.newProxyInstance(
                SharedMemoryRepository.class.getClassLoader(), new Class<?>[]{SharedMemoryRepository.class},
                (proxy, method, args) -> {
                    Object result = invoke(method, memory, args);
                    if (method.getName().equals("get") && key.equals(args[1]) && first.getAndSet(false)) {
                        barrier.await(1, TimeUnit.MINUTES);
                    }
                    return result;
                });
        return (HiveStore) Proxy.newProxyInstance(HiveStore.class.getClassLoader(), new Class<?>[]{HiveStore.class},
                (proxy, method, args) -> method.getName().equals("sharedMemory") ? meeting : invoke(method, store, args));
    }

    private static Object invoke(Method method, Object target, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private static HiveStore openStore(HiveConfig config) {
        return StorageProviders.discover(List.of()).open(Hive.storageSettings(config, Clock.systemUTC()));
    }

    private static List<Event> events(Hive hive, String type) {
        return hive.events().query(new EventQuery(null, type, null, null, null, null, null, 100)).events();
    }
}
