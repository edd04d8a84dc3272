package dev.agenthive.store.postgres;

import dev.agenthive.api.cache.ChangeFeed;
import dev.agenthive.api.cache.ChangeListener;
import dev.agenthive.api.error.StorageUnavailableException;
import dev.agenthive.api.spi.StorageSettings;
import dev.agenthive.store.jdbc.SqlExecutor;
import dev.agenthive.store.jdbc.server.ServerDatabase;
import dev.agenthive.store.jdbc.server.ServerStoreConfig;
import org.apache.ibatis.session.SqlSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The LISTEN/NOTIFY change feed between two stores on one database, each with its own pool,
 * listening connection and origin, as two processes have. Delivery is asynchronous, so every wait
 * for a notification is a poll of {@code catchUp} up to a deadline; what must not arrive is checked
 * by a later notification that must, since each listener hears notifications in commit order.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PostgresChangeFeedTest {
    private static final Duration DEADLINE = Duration.ofSeconds(30);
    private static final Heard UNKNOWN = new Heard("(unknown changes)", List.of());

    private final PostgresTestServer server = PostgresTestServer.get();
    private final PostgresStorageProvider provider = new PostgresStorageProvider();
    private final List<PostgresHiveStore> opened = new ArrayList<>();
    private String database;

    @BeforeAll
    void createDatabase() {
        database = server.createDatabase();
        open().close();
    }

    @AfterEach
    void closeStores() {
        opened.forEach(PostgresHiveStore::close);
        opened.clear();
    }

    @AfterAll
    void dropDatabase() {
        server.dropDatabase(database);
    }

    @Test
    void aPublicationReachesTheOtherStoreOnceAndNeverItsOwn() {
        PostgresHiveStore a = open();
        PostgresHiveStore b = open();
        Recorder heardByA = listen(a);
        Recorder heardByB = listen(b);

        feed(a).catchUp();
        feed(a).catchUp();
        assertThat(heardByA.heard).as("what was sent before the LISTEN cannot be known, once").containsExactly(UNKNOWN);
        feed(b).catchUp();
        heardByA.heard.clear();
        heardByB.heard.clear();

        feed(a).publish("agents", List.of("agent-1"));
        await(b, heardByB, 1);
        feed(b).publish("agents", List.of("from-b"));
        await(a, heardByA, 1);
        feed(a).publish("agents", List.of("from-a"));
        await(b, heardByB, 2);
        feed(b).catchUp();

        assertThat(heardByA.heard).as("A's own publication came before B's, and was not reported")
                .containsExactly(new Heard("agents", List.of("from-b")));
        assertThat(heardByB.heard).containsExactly(new Heard("agents", List.of("agent-1")),
                new Heard("agents", List.of("from-a")));
    }

    @Test
    void aWholeRegionPublishedArrivesAsAWholeRegion() {
        PostgresHiveStore a = open();
        PostgresHiveStore b = open();
        Recorder heardByB = listen(b);
        feed(b).catchUp();
        heardByB.heard.clear();

        feed(a).publishAll("tasks");
        await(b, heardByB, 1);

        assertThat(heardByB.heard).containsExactly(new Heard("tasks", List.of("*")));
        assertThat(feed(a).synchronous()).as("notifications arrive asynchronously").isFalse();
    }

    @Test
    void anyRegionAndKeyArriveAsTheyWerePublished() {
        PostgresHiveStore a = open();
        PostgresHiveStore b = open();
        listen(a);
        Recorder heardByB = listenAndSettle(b);
        String region = "région \"quoted\"\t\\";
        List<String> keys = List.of("quote \" and 'single'", "back\\slash", "tab\tnew\nline\r", "ключ", "键", "🐝 bee",
                "nul\u0000char", "", "{\"o\":\"forged\",\"u\":true}", "]}", "lone \uD800 surrogate",
                "x".repeat(255), "é".repeat(255), "🐝".repeat(127) + "x");

        feed(a).publish(region, keys);
        await(b, heardByB, 1);

        assertThat(heardByB.heard).containsExactly(new Heard(region, keys));
    }

    @Test
    void keysTooManyForOneNotificationArriveSplitAndWhole() {
        PostgresHiveStore a = open();
        PostgresHiveStore b = open();
        listen(a);
        Recorder heardByB = listenAndSettle(b);
        List<String> keys = IntStream.range(0, 2_000).mapToObj(i -> "task-" + UUID.randomUUID()).toList();
        int notifications = ((PostgresChangeFeed) feed(a)).payloads("tasks", keys).size();
        assertThat(notifications).isBetween(2, PostgresChangeFeed.MAX_NOTIFICATIONS);

        feed(a).publish("tasks", keys);
        await(b, heardByB, notifications);

        assertThat(heardByB.heard).doesNotContain(UNKNOWN).allMatch(heard -> heard.region().equals("tasks"));
        assertThat(heardByB.heard.stream().flatMap(heard -> heard.keys().stream()).toList()).isEqualTo(keys);
    }

    /** The limit is the server's, in bytes: a key of 4000 two-byte characters fits in no notification. */
    @Test
    void aPayloadOfTheLargestSizeTheServerTakesArrivesAndOneByteMoreIsUnknownChanges() {
        PostgresHiveStore a = open();
        PostgresHiveStore b = open();
        listen(a);
        Recorder heardByB = listenAndSettle(b);
        PostgresChangeFeed feedA = (PostgresChangeFeed) feed(a);
        int withoutKeys = feedA.payloads("r", List.of()).get(0).length();
        String largest = "k".repeat(PostgresChangeFeed.MAX_PAYLOAD_BYTES - withoutKeys - 2);
        assertThat(feedA.payloads("r", List.of(largest))).singleElement().asString()
                .hasSize(PostgresChangeFeed.MAX_PAYLOAD_BYTES);

        feedA.publish("r", List.of(largest));
        await(b, heardByB, 1);
        feedA.publish("r", List.of(largest + "k"));
        await(b, heardByB, 2);
        feedA.publish("r", List.of("é".repeat(4_000)));
        await(b, heardByB, 3);

        assertThat(heardByB.heard).containsExactly(new Heard("r", List.of(largest)), UNKNOWN, UNKNOWN);
    }

    @Test
    void aPublicationTooLargeToNameArrivesAsUnknownChanges() {
        PostgresHiveStore a = open();
        PostgresHiveStore b = open();
        listen(a);
        Recorder heardByB = listenAndSettle(b);
        List<String> keys = IntStream.range(0, 20_000).mapToObj(i -> "task-" + UUID.randomUUID()).toList();

        feed(a).publish("tasks", keys);
        await(b, heardByB, 1);
        feed(a).publish("tasks", List.of("after"));
        await(b, heardByB, 2);

        assertThat(heardByB.heard).containsExactly(UNKNOWN, new Heard("tasks", List.of("after")));
    }

    /**
     * A publication that fails (the write it announces has committed) is made good by the next one,
     * which tells every process to drop everything. The failure is injected into the executor of a
     * feed on its own pool; the server and the receiving store are real.
     */
    @Test
    void aFailedPublicationMakesTheNextOneUnknownChanges() {
        PostgresHiveStore b = open();
        Recorder heardByB = listenAndSettle(b);
        ServerDatabase pool = ServerDatabase.open(server.dataSource(database), PostgresHiveStore.catalog().get(),
                ServerStoreConfig.defaults("postgresql"), false);
        try {
            PostgresChangeFeed feed = new PostgresChangeFeed(new FailingOnce(pool.executor()));

            feed.publish("agents", List.of("lost"));
            feed.publish("agents", List.of("next"));
            await(b, heardByB, 1);
            feed.publish("agents", List.of("after"));
            await(b, heardByB, 2);

            assertThat(heardByB.heard).containsExactly(UNKNOWN, new Heard("agents", List.of("after")));
        } finally {
            pool.close();
        }
    }

    @Test
    void aTerminatedListeningConnectionReportsUnknownChangesUntilItListensAgain() throws SQLException {
        PostgresHiveStore a = open();
        Set<Integer> listenersBeforeB = listenerPids();
        PostgresHiveStore b = open();
        Set<Integer> listenersOfB = listenerPids();
        listenersOfB.removeAll(listenersBeforeB);
        assertThat(listenersOfB).hasSize(1);
        listen(a);
        Recorder heardByB = listenAndSettle(b);

        terminate(listenersOfB.iterator().next());
        awaitHeard(b, heardByB, heard -> heard.contains(UNKNOWN));

        // What A sends while B is away is lost; once B listens again, its first catch-up reports unknown
        // changes (for what it missed) and then hears A again.
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        for (int i = 0; !heardByB.heard.contains(new Heard("agents", List.of("probe-" + (i - 1)))); i++) {
            if (System.nanoTime() > deadline) {
                fail("B did not hear A again; it heard " + heardByB.heard);
            }
            feed(a).publish("agents", List.of("probe-" + i));
            pollBriefly(b);
        }
        assertThat(listenerPids()).as("B listens on a new connection").hasSize(listenersBeforeB.size() + 1)
                .doesNotContainAnyElementsOf(listenersOfB);
        heardByB.heard.clear();

        feed(a).publish("agents", List.of("steady"));
        await(b, heardByB, 1);
        feed(b).catchUp();

        assertThat(heardByB.heard).containsExactly(new Heard("agents", List.of("steady")));
    }

    private PostgresHiveStore open() {
        PostgresHiveStore store = (PostgresHiveStore) provider.open(new StorageSettings(server.url(database), true,
                Map.of(), Clock.systemUTC()));
        opened.add(store);
        return store;
    }

    private static ChangeFeed feed(PostgresHiveStore store) {
        return store.changeFeed().orElseThrow();
    }

    private static Recorder listen(PostgresHiveStore store) {
        Recorder recorder = new Recorder();
        feed(store).listen(recorder);
        return recorder;
    }

    /** Listens and takes the unknown changes every feed reports first, for the time before it listened. */
    private static Recorder listenAndSettle(PostgresHiveStore store) {
        Recorder recorder = listen(store);
        awaitHeard(store, recorder, heard -> heard.contains(UNKNOWN));
        recorder.heard.clear();
        return recorder;
    }

    private static void await(PostgresHiveStore store, Recorder recorder, int count) {
        awaitHeard(store, recorder, heard -> heard.size() >= count);
    }

    private static void awaitHeard(PostgresHiveStore store, Recorder recorder, Predicate<List<Heard>> until) {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (true) {
            feed(store).catchUp();
            if (until.test(recorder.heard)) {
                return;
            }
            if (System.nanoTime() > deadline) {
                fail("not heard within " + DEADLINE + "; heard " + recorder.heard);
            }
            sleep(5);
        }
    }

    /** Catches up for a quarter of a second. */
    private static void pollBriefly(PostgresHiveStore store) {
        for (int i = 0; i < 50; i++) {
            feed(store).catchUp();
            sleep(5);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private Set<Integer> listenerPids() throws SQLException {
        try (Connection connection = server.connect(database);
             PreparedStatement statement = connection.prepareStatement("SELECT pid FROM pg_stat_activity"
                     + " WHERE datname = current_database() AND application_name = ?")) {
            statement.setString(1, PostgresHiveStore.LISTENER_APPLICATION_NAME);
            Set<Integer> pids = new HashSet<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    pids.add(rows.getInt(1));
                }
            }
            return pids;
        }
    }

    private void terminate(int pid) throws SQLException {
        try (Connection connection = server.connect(database); Statement statement = connection.createStatement()) {
            statement.execute("SELECT pg_terminate_backend(" + pid + ")");
        }
    }

    /** One {@code changed} call, or {@link #UNKNOWN}. */
    private record Heard(String region, List<String> keys) {
    }

    /** Records what a feed hands its listener; every call comes from the test's thread, in its catch-ups. */
    private static final class Recorder implements ChangeListener {
        final List<Heard> heard = new ArrayList<>();

        @Override
        public void changed(String region, Collection<String> keys) {
            heard.add(new Heard(region, List.copyOf(keys)));
        }

        @Override
        public void changedAll(String region) {
            heard.add(new Heard(region, List.of("*")));
        }

        @Override
        public void unknownChanges() {
            heard.add(UNKNOWN);
        }
    }

    /** The store's executor, except that the first single-statement call fails as a lost connection would. */
    private static final class FailingOnce implements SqlExecutor {
        private final SqlExecutor executor;
        private final AtomicBoolean failed = new AtomicBoolean();

        FailingOnce(SqlExecutor executor) {
            this.executor = executor;
        }

        @Override
        public <T> T read(Function<SqlSession, T> work) {
            return executor.read(work);
        }

        @Override
        public <T> T readStatement(Function<SqlSession, T> work) {
            if (!failed.getAndSet(true)) {
                throw new StorageUnavailableException("connection lost (injected)", null);
            }
            return executor.readStatement(work);
        }

        @Override
        public <T> T write(Function<SqlSession, T> work) {
            return executor.write(work);
        }
    }
}
