package dev.agenthive.it.events;

import dev.agenthive.api.event.Event;
import dev.agenthive.api.event.EventFeed;
import dev.agenthive.api.event.EventPage;
import dev.agenthive.api.event.EventQuery;
import dev.agenthive.api.store.HiveStore;
import dev.agenthive.it.fault.Scale;
import dev.agenthive.it.mariadb.MariaDbTestServer;
import dev.agenthive.it.postgres.PostgresTestServer;
import dev.agenthive.it.process.JavaProcess;
import dev.agenthive.it.process.Stores;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A follower tails the event log in small pages while writers in several threads and in separate OS
 * processes append events with random ids and timestamps days into the past and the future, some in
 * transactions held open for a while, some rolled back. At the end the follower has seen every
 * committed event exactly once and no rolled-back one, against a read of every id in the store.
 * Following by a sequence number alone on PostgreSQL, or by (occurred_at, id), loses events here.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class FollowWhileWritingTest {
    private static final int PROCESSES = 2;
    private static final int THREADS_PER_PROCESS = Scale.pick(2, 4);
    private static final int LOCAL_THREADS = Scale.pick(2, 4);
    private static final int OPERATIONS = Scale.pick(20, 400);

    @TempDir
    Path dir;

    @Test
    void postgresql() throws Exception {
        PostgresTestServer server = PostgresTestServer.get();
        String url = server.freshDatabase();
        try {
            followWhileWriting("postgresql", url, 150);
        } finally {
            server.drop(url);
        }
    }

    @Test
    void sqlite() throws Exception {
        // Every write holds the file's one write lock: a held transaction stops all writers, so short holds.
        followWhileWriting("sqlite", "sqlite:" + dir.resolve("follow.db"), 20);
    }

    @Test
    void mariadb() throws Exception {
        Assumptions.assumeTrue(System.getenv(MariaDbTestServer.ENV) != null, MariaDbTestServer.ENV + " is not set");
        MariaDbTestServer server = MariaDbTestServer.get();
        String url = server.newDatabase();
        try {
            followWhileWriting("mariadb", url, 150);
        } finally {
            server.drop(url);
        }
    }

    private void followWhileWriting(String kind, String url, int holdMillis) throws Exception {
        long started = System.nanoTime();
        try (HiveStore store = Stores.open(url)) {
            List<Process> processes = new ArrayList<>();
            List<Path> logs = new ArrayList<>();
            for (int p = 0; p < PROCESSES; p++) {
                Path log = dir.resolve(kind + "-writer-" + p + ".log");
                logs.add(log);
                processes.add(JavaProcess.start(EventWriterMain.class, log, url, "p" + p,
                        String.valueOf(THREADS_PER_PROCESS), String.valueOf(OPERATIONS), String.valueOf(holdMillis),
                        String.valueOf(p + 1)));
            }
            EventWriters local = new EventWriters(store, "local", OPERATIONS, holdMillis, 99);
            AtomicBoolean writing = new AtomicBoolean(true);
            Follower follower = new Follower(store);
            Thread following = new Thread(() -> follower.follow(writing), "follower");
            following.start();

            try {
                local.run(LOCAL_THREADS);
                for (int p = 0; p < PROCESSES; p++) {
                    assertThat(processes.get(p).waitFor(5, TimeUnit.MINUTES)).as("writer process %d ended", p).isTrue();
                    assertThat(processes.get(p).exitValue()).as("writer process %d: %s", p, Files.readString(logs.get(p)))
                            .isZero();
                }
            } finally {
                writing.set(false);
                following.join(TimeUnit.MINUTES.toMillis(2));
                processes.forEach(Process::destroyForcibly);
            }
            assertThat(following.isAlive()).as("the follower caught up").isFalse();
            assertThat(follower.failure).as("the follower's failure").isNull();

            Set<String> committed = new HashSet<>(local.committed);
            Set<String> rolledBack = new HashSet<>(local.rolledBack);
            int held = local.held.get();
            for (Path log : logs) {
                for (String line : Files.readAllLines(log)) {
                    if (line.startsWith("COMMITTED ")) {
                        committed.add(line.substring("COMMITTED ".length()));
                    } else if (line.startsWith("ROLLED_BACK ")) {
                        rolledBack.add(line.substring("ROLLED_BACK ".length()));
                    } else if (line.startsWith("HELD ")) {
                        held += Integer.parseInt(line.substring("HELD ".length()));
                    }
                }
            }
            Set<String> stored = allIds(store);
            Set<String> seen = new HashSet<>(follower.seen);
            Set<String> lost = new HashSet<>(stored);
            lost.removeAll(seen);
            long doubled = follower.seen.size() - seen.size();
            Scale.report("events-follow-" + kind + " processes=" + PROCESSES
                    + " threads=" + (PROCESSES * THREADS_PER_PROCESS + LOCAL_THREADS) + " events=" + stored.size()
                    + " held_transactions=" + held + " rolled_back_events=" + rolledBack.size()
                    + " pages=" + follower.pages + " lost=" + lost.size() + " doubled=" + doubled
                    + " seconds=" + TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started));

            assertThat(stored).as("every acknowledged event is stored").isEqualTo(committed);
            assertThat(lost).as("committed events the follower never saw").isEmpty();
            assertThat(doubled).as("events the follower saw twice").isZero();
            assertThat(seen).as("the follower saw exactly the stored events").isEqualTo(stored);
            assertThat(seen).as("rolled-back events seen").doesNotContainAnyElementsOf(rolledBack);
            assertThat(rolledBack).as("the run rolled back some transactions").isNotEmpty();
        }
    }

    private static Set<String> allIds(HiveStore store) {
        Set<String> ids = new HashSet<>();
        EventQuery query = EventQuery.all(EventQuery.MAX_LIMIT);
        while (true) {
            EventPage page = store.events().query(query);
            page.events().forEach(event -> ids.add(event.id()));
            if (page.nextCursor() == null) {
                return ids;
            }
            query = query.withAfter(page.nextCursor());
        }
    }

    /** Tails the log in pages of 1 to 7 until the writers stopped and a page after that came back empty. */
    private static final class Follower {
        private final HiveStore store;
        final List<String> seen = new ArrayList<>();
        int pages;
        volatile Throwable failure;

        Follower(HiveStore store) {
            this.store = store;
        }

        void follow(AtomicBoolean writing) {
            Random random = new Random(5);
            String cursor = null;
            try {
                while (true) {
                    boolean writersDone = !writing.get();
                    EventFeed feed = store.events().follow(cursor, 1 + random.nextInt(7));
                    pages++;
                    feed.events().stream().map(Event::id).forEach(seen::add);
                    cursor = feed.cursor();
                    if (feed.events().isEmpty()) {
                        if (writersDone) {
                            return;
                        }
                        Thread.sleep(2);
                    }
                }
            } catch (Throwable e) {
                failure = e;
            }
        }
    }
}
