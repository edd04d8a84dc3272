package dev.agenthive.store.sqlite;

import dev.agenthive.api.cache.ChangeFeed;
import dev.agenthive.api.cache.ChangeListener;
import dev.agenthive.api.error.StorageUnavailableException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The shared change counter between two stores on one file, each with its own mapping of the counter
 * and its own accounting, as two processes have ({@link SqliteChangeFeedProcessTest} runs a real
 * second process).
 */
class SqliteChangeFeedTest {
    @TempDir
    Path dir;

    @Test
    void aPublicationIsReportedOnceByTheOtherStoreAndNeverByItsOwn() {
        Path file = dir.resolve("hive.db");
        try (SqliteHiveStore a = Stores.open(file); SqliteHiveStore b = Stores.open(file)) {
            CountingListener toldA = listen(a);
            CountingListener toldB = listen(b);
            feed(a).catchUp();
            feed(b).catchUp();
            assertThat(toldA.unknown()).as("nothing changed since the stores opened").isZero();
            assertThat(toldB.unknown()).isZero();

            feed(a).publish("agents", List.of("agent-1"));
            feed(a).catchUp();
            feed(b).catchUp();
            feed(b).catchUp();

            assertThat(toldA.unknown()).as("a store's own publication").isZero();
            assertThat(toldB.unknown()).as("reported by the first catch-up only").isEqualTo(1);

            feed(b).publish("tasks", List.of("task-1", "task-2"));
            feed(b).publish("tasks", List.of("task-3"));
            feed(a).catchUp();
            feed(a).catchUp();
            feed(b).catchUp();

            assertThat(toldA.unknown()).as("two publications, one catch-up that drops everything").isEqualTo(1);
            assertThat(toldB.unknown()).isEqualTo(1);
        }
    }

    @Test
    void anEmptyPublicationAnnouncesNothing() {
        Path file = dir.resolve("hive.db");
        try (SqliteHiveStore a = Stores.open(file); SqliteHiveStore b = Stores.open(file)) {
            CountingListener toldB = listen(b);
            listen(a);

            feed(a).publish("agents", List.of());
            feed(b).catchUp();

            assertThat(toldB.unknown()).isZero();
        }
    }

    @Test
    void changesBeforeTheListenerIsSetWaitForIt() {
        Path file = dir.resolve("hive.db");
        try (SqliteHiveStore a = Stores.open(file); SqliteHiveStore b = Stores.open(file)) {
            listen(a);
            feed(a).publish("agents", List.of("agent-1"));
            feed(b).catchUp();

            CountingListener toldB = listen(b);
            feed(b).catchUp();

            assertThat(toldB.unknown()).isEqualTo(1);
        }
    }

    @Test
    void aClosedStoreHandsNothingOnButItsFeedStillAnnounces() {
        Path file = dir.resolve("hive.db");
        try (SqliteHiveStore a = Stores.open(file)) {
            CountingListener toldA = listen(a);
            SqliteHiveStore b = Stores.open(file);
            CountingListener toldB = listen(b);
            ChangeFeed closedFeed = feed(b);
            b.close();

            feed(a).publish("agents", List.of("agent-1"));
            closedFeed.catchUp();
            assertThat(toldB.unknown()).isZero();

            closedFeed.publish("agents", List.of("agent-2"));
            feed(a).catchUp();
            assertThat(toldA.unknown()).isEqualTo(1);
        }
    }

    /**
     * One store's threads publish at once, as the writers of one group commit return together, while
     * another of its threads catches up: none of the publications may look like another process's to
     * their own store, yet every one of them does to the other store.
     */
    @Test
    void concurrentPublicationsOfOneStoreAreNeverTakenForAnotherProcesss() throws Exception {
        Path file = dir.resolve("hive.db");
        int publishers = 3;
        int each = 50_000;
        ExecutorService pool = Executors.newFixedThreadPool(publishers + 1);
        try (SqliteHiveStore a = Stores.open(file); SqliteHiveStore b = Stores.open(file)) {
            CountingListener toldA = listen(a);
            CountingListener toldB = listen(b);
            CountDownLatch go = new CountDownLatch(1);
            AtomicBoolean publishing = new AtomicBoolean(true);
            List<Future<?>> work = new ArrayList<>();
            for (int t = 0; t < publishers; t++) {
                work.add(pool.submit(() -> {
                    go.await();
                    for (int i = 0; i < each; i++) {
                        feed(a).publish("agents", List.of("agent"));
                    }
                    return null;
                }));
            }
            Future<?> catchingUp = pool.submit(() -> {
                go.await();
                while (publishing.get()) {
                    feed(a).catchUp();
                }
                return null;
            });
            go.countDown();
            try {
                for (Future<?> publisher : work) {
                    publisher.get(120, TimeUnit.SECONDS);
                }
            } finally {
                publishing.set(false);
            }
            catchingUp.get(60, TimeUnit.SECONDS);

            feed(a).catchUp();
            feed(b).catchUp();

            assertThat(toldA.unknown()).isZero();
            assertThat(toldB.unknown()).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * A catch-up that sees a change while another thread's report of it is still running must not
     * return (and let its thread read the cache) before a report has returned.
     */
    @Test
    void aCatchUpNeverReturnsBeforeAReportOfWhatItSawHasReturned() throws Exception {
        Path file = dir.resolve("hive.db");
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try (SqliteHiveStore a = Stores.open(file); SqliteHiveStore b = Stores.open(file)) {
            listen(a);
            CountDownLatch firstReportRunning = new CountDownLatch(1);
            CountDownLatch releaseFirstReport = new CountDownLatch(1);
            AtomicInteger reportsReturned = new AtomicInteger();
            feed(b).listen(new ChangeListener() {
                private final AtomicBoolean first = new AtomicBoolean(true);

                @Override
                public void changed(String region, Collection<String> keys) {
                    throw new AssertionError("the SQLite feed names no keys");
                }

                @Override
                public void changedAll(String region) {
                    throw new AssertionError("the SQLite feed names no regions");
                }

                @Override
                public void unknownChanges() {
                    if (first.getAndSet(false)) {
                        firstReportRunning.countDown();
                        try {
                            releaseFirstReport.await();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                    reportsReturned.incrementAndGet();
                }
            });
            feed(a).publish("agents", List.of("agent-1"));
            Future<?> slowReport = pool.submit(() -> feed(b).catchUp());
            assertThat(firstReportRunning.await(30, TimeUnit.SECONDS)).isTrue();
            try {
                feed(b).catchUp();

                assertThat(reportsReturned.get()).isEqualTo(1);
            } finally {
                releaseFirstReport.countDown();
            }
            slowReport.get(30, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * What a cache does with the feed, with real threads on both sides: each store has writers (a
     * write is a new value of a counter standing for its rows, then a publication) and one reader
     * caching the other store's value (catch up, then serve the cached value or load it). A read that
     * begins after a write's publication returned must never serve a value older than that write. The
     * writers go on until both readers have read often enough, so that reads and writes overlap however
     * the threads are scheduled.
     */
    @Test
    void aReaderNeverServesAValueOlderThanAnotherStoresReturnedPublication() throws Exception {
        Path file = dir.resolve("hive.db");
        int writersPerStore = 2;
        int readsPerReader = 2_000_000;
        ExecutorService pool = Executors.newFixedThreadPool(2 * writersPerStore + 2);
        try (SqliteHiveStore a = Stores.open(file); SqliteHiveStore b = Stores.open(file)) {
            Side sideA = new Side(a);
            Side sideB = new Side(b);
            CountDownLatch readersDone = new CountDownLatch(2);
            List<Future<?>> writers = new ArrayList<>();
            for (Side side : List.of(sideA, sideB)) {
                for (int w = 0; w < writersPerStore; w++) {
                    writers.add(pool.submit(() -> {
                        while (readersDone.getCount() > 0) {
                            side.write();
                        }
                        return null;
                    }));
                }
            }
            Future<Long> readerOfA = pool.submit(() -> read(b, sideA, readsPerReader, readersDone));
            Future<Long> readerOfB = pool.submit(() -> read(a, sideB, readsPerReader, readersDone));
            try {
                assertThat(readerOfA.get(120, TimeUnit.SECONDS)).as("reads of A's value that went to the store").isPositive();
                assertThat(readerOfB.get(120, TimeUnit.SECONDS)).isPositive();
            } finally {
                readersDone.countDown();
                readersDone.countDown();
            }
            for (Future<?> writer : writers) {
                writer.get(60, TimeUnit.SECONDS);
            }
            assertThat(sideA.published.get()).as("writes of A").isPositive();
            assertThat(sideB.published.get()).isPositive();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void theCounterIsOnePageThatOnlyItsOwnerCanReadOrWrite() throws Exception {
        Path file = dir.resolve("hive.db");
        try (SqliteHiveStore store = Stores.open(file)) {
            Path counter = dir.resolve("hive.db" + SqliteChangeFeed.SUFFIX);
            assertThat(counter).isRegularFile();
            assertThat(Files.size(counter)).isEqualTo(4096);
            assumeTrue(counter.getFileSystem().supportedFileAttributeViews().contains("posix"));
            assertThat(Files.getPosixFilePermissions(counter)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        }
    }

    @Test
    void aCounterThatCannotBeCreatedFailsTheOpenAndNamesTheFile() throws Exception {
        Path file = dir.resolve("hive.db");
        Files.createDirectory(dir.resolve("hive.db" + SqliteChangeFeed.SUFFIX));

        assertThatThrownBy(() -> Stores.open(file))
                .isInstanceOf(StorageUnavailableException.class)
                .hasMessageContaining("hive.db-changes")
                .hasMessageContaining("counter of changes");
    }

    /**
     * The cache of one reader thread over the value another store writes, kept the way the core keeps
     * its entries: drop everything when told, load on a miss.
     *
     * @return how many reads went to the "store"
     */
    private static long read(SqliteHiveStore reader, Side written, int reads, CountDownLatch done) {
        AtomicLong cached = new AtomicLong(-1);
        feed(reader).listen(new ChangeListener() {
            @Override
            public void changed(String region, Collection<String> keys) {
                throw new AssertionError("the SQLite feed names no keys");
            }

            @Override
            public void changedAll(String region) {
                throw new AssertionError("the SQLite feed names no regions");
            }

            @Override
            public void unknownChanges() {
                cached.set(-1);
            }
        });
        long loads = 0;
        try {
            for (int i = 0; i < reads; i++) {
                long mustSee = written.published.get();
                feed(reader).catchUp();
                long value = cached.get();
                if (value < 0) {
                    value = written.value.get();
                    cached.set(value);
                    loads++;
                }
                if (value < mustSee) {
                    throw new AssertionError("read " + i + " served " + value + " after a catch-up that began once write "
                            + mustSee + " was published");
                }
            }
        } finally {
            done.countDown();
        }
        return loads;
    }

    /** One store's writes: a value standing for its rows, and the highest value whose publication returned. */
    private static final class Side {
        final SqliteHiveStore store;
        final AtomicLong value = new AtomicLong();
        final AtomicLong published = new AtomicLong();

        Side(SqliteHiveStore store) {
            this.store = store;
        }

        void write() {
            long written = value.incrementAndGet();
            feed(store).publish("values", Set.of("value"));
            published.accumulateAndGet(written, Math::max);
        }
    }

    private static CountingListener listen(SqliteHiveStore store) {
        CountingListener listener = new CountingListener();
        feed(store).listen(listener);
        return listener;
    }

    private static ChangeFeed feed(SqliteHiveStore store) {
        return store.changeFeed().orElseThrow();
    }
}
