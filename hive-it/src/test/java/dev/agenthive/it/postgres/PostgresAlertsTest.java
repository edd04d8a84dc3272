package dev.agenthive.it.postgres;

import dev.agenthive.api.agent.AgentRegistration;
import dev.agenthive.api.event.Event;
import dev.agenthive.api.event.EventQuery;
import dev.agenthive.api.health.HealthStatus;
import dev.agenthive.api.health.HiveHealth;
import dev.agenthive.api.json.Json;
import dev.agenthive.api.memory.SharedMemoryRepository;
import dev.agenthive.api.store.HiveStore;
import dev.agenthive.api.task.NewTask;
import dev.agenthive.api.task.Task;
import dev.agenthive.core.Hive;
import dev.agenthive.core.alert.AlertEvaluator;
import dev.agenthive.core.config.HiveConfig;
import dev.agenthive.core.json.JsonCodec;
import dev.agenthive.it.process.Stores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
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

/**
 * Two hives on one PostgreSQL database, as two processes would have, whose threads race their
 * maintenance rounds, and two evaluators forced to read the alert state before either changes it: the
 * shared state's compare-and-set lets each crossing be recorded once. The health of both hives shows the
 * LISTEN notifier up.
 */
class PostgresAlertsTest {
    private final PostgresTestServer server = PostgresTestServer.get();
    private String url;
    private Hive one;
    private Hive two;

    @BeforeEach
    void open() {
        url = server.freshDatabase();
        HiveConfig config = HiveConfig.builder().isolated().storageUrl(url).maintenanceInterval(Duration.ZERO)
                .set("hive.alert.deep-queue.source", "query:queue.depth")
                .set("hive.alert.deep-queue.threshold", "5")
                .set("hive.alert.deep-queue.clear", "2")
                .build();
        one = Hive.open(config);
        two = Hive.open(config);
    }

    @AfterEach
    void close() {
        two.close();
        one.close();
        server.drop(url);
    }

    @Test
    void racingRoundsOfTwoHivesRaiseOnceAndClearOnce() throws Exception {
        for (int i = 0; i < 10; i++) {
            one.tasks().enqueue(NewTask.builder("task " + i).build());
        }

        race();
        assertThat(events(two, AlertEvaluator.RAISED)).hasSize(1);
        assertThat(two.activeAlerts()).singleElement().satisfies(alert -> {
            assertThat(alert.name()).isEqualTo("deep-queue");
            assertThat(alert.value()).isEqualTo(10);
        });

        two.agents().register(AgentRegistration.of("drainer", "coder", Set.of()));
        for (int i = 0; i < 7; i++) {
            Task claimed = two.tasks().claim("drainer", 1, Duration.ZERO).get(0);
            two.tasks().complete(claimed.id(), claimed.leaseToken(), Json.EMPTY_OBJECT);
        }
        race();
        assertThat(events(one, AlertEvaluator.CLEARED)).as("3 waiting is above the clear level").isEmpty();

        for (int i = 7; i < 9; i++) {
            Task claimed = two.tasks().claim("drainer", 1, Duration.ZERO).get(0);
            two.tasks().complete(claimed.id(), claimed.leaseToken(), Json.EMPTY_OBJECT);
        }
        race();

        assertThat(events(one, AlertEvaluator.CLEARED)).hasSize(1);
        assertThat(events(one, AlertEvaluator.RAISED)).hasSize(1);
        assertThat(one.activeAlerts()).isEmpty();
    }

    /**
     * Two evaluators, each over its own store on the database, that both read the alert's state before
     * either changes it (forced by a barrier on that read): one raises it, then one clears it; the
     * other's transaction fails on the compare-and-set and records nothing.
     */
    @Test
    void twoEvaluatorsThatBothReadTheStateFirstRecordOneCrossingEach() throws Exception {
        try (HiveStore first = Stores.open(url); HiveStore second = Stores.open(url)) {
            for (int i = 0; i < 10; i++) {
                one.tasks().enqueue(NewTask.builder("task " + i).build());
            }
            evaluateTogether(first, second);
            assertThat(events(one, AlertEvaluator.RAISED)).hasSize(1);

            one.agents().register(AgentRegistration.of("drainer", "coder", Set.of()));
            for (int i = 0; i < 9; i++) {
                Task claimed = one.tasks().claim("drainer", 1, Duration.ZERO).get(0);
                one.tasks().complete(claimed.id(), claimed.leaseToken(), Json.EMPTY_OBJECT);
            }
            evaluateTogether(first, second);
            assertThat(events(one, AlertEvaluator.CLEARED)).hasSize(1);
            assertThat(one.activeAlerts()).isEmpty();
        }
    }

    @Test
    void bothHivesAreUpWithTheirListeningNotifier() {
        for (Hive hive : List.of(one, two)) {
            HiveHealth health = hive.health();
            assertThat(health.status()).as(health.toString()).isEqualTo(HealthStatus.UP);
            assertThat(health.store().provider()).isEqualTo("postgresql");
            assertThat(health.component(HiveHealth.NOTIFIER).orElseThrow().provider()).isEqualTo("postgresql-listen");
        }
    }

    /** Four threads on each hive start rounds together, three rounds each. */
    private void race() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> rounds = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                Hive hive = i % 2 == 0 ? one : two;
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
    private void evaluateTogether(HiveStore first, HiveStore second) throws Exception {
        CyclicBarrier bothRead = new CyclicBarrier(2);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Integer>> rounds = new ArrayList<>();
            for (HiveStore store : List.of(first, second)) {
                AlertEvaluator evaluator = new AlertEvaluator(meetingAfterFirstRead(store, "deep-queue", bothRead),
                        one.config().alertRules(), null, new JsonCodec(64, 1 << 20), () -> UUID.randomUUID().toString(),
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

    private static List<Event> events(Hive hive, String type) {
        return hive.events().query(new EventQuery(null, type, null, null, null, null, null, 100)).events();
    }
}
