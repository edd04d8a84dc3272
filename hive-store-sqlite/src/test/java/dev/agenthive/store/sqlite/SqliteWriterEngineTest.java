package dev.agenthive.store.sqlite;

import dev.agenthive.api.agent.AgentRegistration;
import dev.agenthive.api.error.InvalidInputException;
import dev.agenthive.api.error.StorageUnavailableException;
import dev.agenthive.api.event.Event;
import dev.agenthive.api.event.EventQuery;
import dev.agenthive.api.event.Severity;
import dev.agenthive.api.json.Json;
import dev.agenthive.api.store.StoreHealth;
import dev.agenthive.api.task.NewTask;
import dev.agenthive.api.task.Task;
import dev.agenthive.api.task.TaskStatus;
import dev.agenthive.store.jdbc.agent.AgentMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The SQLite engine: group commit, savepoint isolation, pragmas, WAL bound, close. Real threads, real files. */
class SqliteWriterEngineTest {
    private static final int CALLERS = 16;

    @TempDir
    Path dir;

    @Test
    void queuedWritesOfManyThreadsCommitTogether() throws Exception {
        try (SqliteHiveStore store = Stores.open(dir.resolve("hive.db"));
             WriterBlocker blocker = new WriterBlocker(store)) {
            ExecutorService threads = Executors.newFixedThreadPool(16);
            List<Future<?>> writes = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                String id = "agent-" + i;
                writes.add(threads.submit(() -> store.agents().register(AgentRegistration.of(id, "coder", Set.of()))));
            }
            WriterBlocker.awaitQueued(store, 16);
            WriterStats before = store.writerStats();

            blocker.release();
            for (Future<?> write : writes) {
                write.get(30, TimeUnit.SECONDS);
            }
            threads.shutdown();

            WriterStats after = store.writerStats();
            assertThat(after.operations() - before.operations()).isEqualTo(16 + 1);
            assertThat(after.commits() - before.commits()).isEqualTo(2); // the blocker's batch, then all 16 at once
            assertThat(store.agents().countByStatus().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(16);
        }
    }

    /**
     * Group commit under load: in every round the writer is held busy while {@value #CALLERS} callers
     * queue a write each, one of them a transaction that writes a row and then fails on bad input. The
     * writes of a round then share commits: over all rounds there are at most half as many commits as
     * operations (one by one, there would be one each), every caller gets its own result, and the
     * failing caller's error and rollback are its own alone.
     */
    @Test
    void callersQueuedBehindABusyWriterShareCommitsAndFailAlone() throws Exception {
        int rounds = Boolean.parseBoolean(System.getenv("HIVE_TEST_RELIABILITY")) ? 200 : 10;
        try (SqliteHiveStore store = Stores.open(dir.resolve("hive.db"))) {
            ExecutorService callers = Executors.newFixedThreadPool(CALLERS);
            WriterStats before = store.writerStats();
            Set<String> written = new HashSet<>();
            int failed = 0;
            for (int round = 0; round < rounds; round++) {
                List<Future<Task>> good = new ArrayList<>();
                Future<Task> bad;
                try (WriterBlocker blocker = new WriterBlocker(store)) {
                    for (int i = 0; i < CALLERS - 1; i++) {
                        String id = "r" + round + "-t" + i;
                        good.add(callers.submit(() -> store.tasks().enqueue(id, NewTask.builder(id).build())));
                    }
                    String half = "r" + round + "-half";
                    bad = callers.submit(() -> store.inTransaction(tx -> {
                        tx.tasks().enqueue(half, NewTask.builder("written, then undone").build());
                        return tx.tasks().enqueue(half + "-bad", NewTask.builder("bad").payload(Json.of("{oops")).build());
                    }));
                    WriterBlocker.awaitQueued(store, CALLERS);
                    blocker.release();
                }
                for (int i = 0; i < good.size(); i++) {
                    Task task = good.get(i).get(30, TimeUnit.SECONDS);
                    assertThat(task.id()).as("the result handed to caller %d of round %d", i, round)
                            .isEqualTo("r" + round + "-t" + i);
                    written.add(task.id());
                }
                assertThatThrownBy(() -> bad.get(30, TimeUnit.SECONDS)).hasCauseInstanceOf(InvalidInputException.class);
                failed++;
            }
            callers.shutdown();

            WriterStats after = store.writerStats();
            long operations = after.operations() - before.operations();
            long commits = after.commits() - before.commits();
            System.out.println("RELIABILITY sqlite-group-commit rounds=" + rounds + " operations=" + operations
                    + " commits=" + commits + " failed=" + failed + " lost=" + (rounds * (CALLERS - 1) - written.size()));
            assertThat(operations).as("operations: per round the blocker's and %d callers'", CALLERS)
                    .isEqualTo(rounds * (CALLERS + 1L));
            assertThat(commits).as("commits of %d operations", operations).isLessThanOrEqualTo(operations / 2);
            assertThat(written).hasSize(rounds * (CALLERS - 1));
            assertThat(store.tasks().countByStatus().get(TaskStatus.QUEUED)).isEqualTo(rounds * (CALLERS - 1L));
            for (String id : written) {
                assertThat(store.tasks().find(id)).as("task %s", id).isPresent();
            }
            for (int round = 0; round < rounds; round++) {
                assertThat(store.tasks().find("r" + round + "-half")).as("round %d: the failed transaction's first write", round)
                        .isEmpty();
            }
        }
    }

    @Test
    void aFailingOperationDoesNotPoisonItsBatch() throws Exception {
        try (SqliteHiveStore store = Stores.open(dir.resolve("hive.db"));
             WriterBlocker blocker = new WriterBlocker(store)) {
            ExecutorService threads = Executors.newFixedThreadPool(5);
            List<Future<?>> good = new ArrayList<>();
            good.add(threads.submit(() -> store.tasks().enqueue("ok-1", NewTask.builder("one").build())));
            good.add(threads.submit(() -> store.tasks().enqueue("ok-2", NewTask.builder("two").build())));
            WriterBlocker.awaitQueued(store, 2);
            Future<?> bad = threads.submit(() -> store.inTransaction(tx -> {
                tx.tasks().enqueue("half-1", NewTask.builder("written, then undone").build());
                return tx.tasks().enqueue("half-2", NewTask.builder("bad").payload(Json.of("{oops")).build());
            }));
            WriterBlocker.awaitQueued(store, 3);
            good.add(threads.submit(() -> store.tasks().enqueue("ok-3", NewTask.builder("three").build())));
            WriterBlocker.awaitQueued(store, 4);
            long commitsBefore = store.writerStats().commits();

            blocker.release();
            for (Future<?> future : good) {
                future.get(30, TimeUnit.SECONDS);
            }
            assertThatThrownBy(() -> bad.get(30, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(InvalidInputException.class);
            threads.shutdown();

            assertThat(store.writerStats().commits() - commitsBefore).isEqualTo(2);
            assertThat(store.tasks().find("ok-1")).isPresent();
            assertThat(store.tasks().find("ok-2")).isPresent();
            assertThat(store.tasks().find("ok-3")).isPresent();
            assertThat(store.tasks().find("half-1")).isEmpty();
            assertThat(store.tasks().find("half-2")).isEmpty();
        }
    }

    @Test
    void nestedTransactionsRollBackAlone() {
        try (SqliteHiveStore store = Stores.open(dir.resolve("hive.db"))) {
            String outcome = store.inTransaction(tx -> {
                tx.agents().register(AgentRegistration.of("kept", "coder", Set.of()));
                try {
                    tx.inTransaction(inner -> {
                        inner.agents().register(AgentRegistration.of("undone", "coder", Set.of()));
                        inner.tasks().enqueue("undone-task", NewTask.builder("x").build());
                        throw new IllegalStateException("inner work gives up");
                    });
                } catch (IllegalStateException expected) {
                    // the outer work goes on without the inner writes
                }
                // read-your-writes inside the transaction, through the outer store as well
                assertThat(store.agents().find("kept")).isPresent();
                assertThat(tx.agents().find("undone")).isEmpty();
                return "done";
            });
            assertThat(outcome).isEqualTo("done");
            assertThat(store.agents().find("kept")).isPresent();
            assertThat(store.agents().find("undone")).isEmpty();
            assertThat(store.tasks().find("undone-task")).isEmpty();

            assertThatThrownBy(() -> store.inTransaction(tx -> {
                tx.agents().register(AgentRegistration.of("gone", "coder", Set.of()));
                tx.events().append(List.of(new Event("e1", "x", Severity.INFO, null, null, Json.EMPTY_OBJECT, Instant.now())));
                throw new IllegalArgumentException("whole work fails");
            })).isInstanceOf(IllegalArgumentException.class);
            assertThat(store.agents().find("gone")).isEmpty();
            assertThat(store.events().query(EventQuery.all(10)).events()).isEmpty();
        }
    }

    @Test
    void everyConnectionHasThePragmas() throws Exception {
        Map<String, String> settings = Map.of(SqliteStoreConfig.SYNCHRONOUS, "FULL", SqliteStoreConfig.BUSY_TIMEOUT, "1234ms",
                SqliteStoreConfig.READ_POOL_SIZE, "3");
        try (SqliteHiveStore store = Stores.open(dir.resolve("hive.db"), settings)) {
            List<String> seen = new ArrayList<>();
            seen.add(store.executor().write(session -> pragmas(session.getMapper(SqliteControlMapper.class))));

            // Three reads held open together must run on three distinct pooled connections.
            CyclicBarrier together = new CyclicBarrier(3);
            ExecutorService threads = Executors.newFixedThreadPool(3);
            Set<Object> connections = ConcurrentHashMap.newKeySet();
            List<Future<String>> reads = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                reads.add(threads.submit(() -> store.executor().read(session -> {
                    try {
                        connections.add(session.getConnection());
                        together.await(30, TimeUnit.SECONDS);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                    return pragmas(session.getMapper(SqliteControlMapper.class));
                })));
            }
            for (Future<String> read : reads) {
                seen.add(read.get(30, TimeUnit.SECONDS));
            }
            threads.shutdown();

            assertThat(connections).hasSize(3);
            assertThat(seen.get(0)).isEqualTo("wal/2/1/1234/0/" + 16 * 1024 * 1024);
            assertThat(seen.subList(1, 4)).containsOnly("wal/2/1/1234/1/" + 16 * 1024 * 1024);

            StoreHealth health = store.health();
            assertThat(health.healthy()).isTrue();
            assertThat(health.details()).containsEntry("journal_mode", "wal").containsEntry("synchronous", "FULL")
                    .containsEntry("path", dir.resolve("hive.db").toString());
        }
    }

    @Test
    void readConnectionsCannotWrite() {
        try (SqliteHiveStore store = Stores.open(dir.resolve("hive.db"))) {
            assertThatThrownBy(() -> store.executor().read(session -> session.getMapper(AgentMapper.class)
                    .upsert(AgentRegistration.of("sneaky", "x", Set.of()), Instant.now())))
                    .isInstanceOf(StorageUnavailableException.class);
            assertThat(store.agents().find("sneaky")).isEmpty();
        }
    }

    @Test
    void walStaysBoundedUnderSteadyWritesWithConcurrentReaders() throws Exception {
        Path file = dir.resolve("hive.db");
        Path wal = dir.resolve("hive.db-wal");
        long limit = SqliteStoreConfig.MIN_WAL_SIZE_LIMIT;
        try (SqliteHiveStore store = Stores.open(file, Map.of(SqliteStoreConfig.WAL_SIZE_LIMIT, String.valueOf(limit)))) {
            AtomicBoolean writing = new AtomicBoolean(true);
            ExecutorService readers = Executors.newFixedThreadPool(2);
            List<Future<Long>> reads = new ArrayList<>();
            for (int r = 0; r < 2; r++) {
                reads.add(readers.submit(() -> {
                    long count = 0;
                    while (writing.get()) {
                        count += store.events().query(EventQuery.all(5)).events().size();
                    }
                    return count;
                }));
            }
            String details = "{\"text\":\"" + "x".repeat(2000) + "\"}";
            long maxWal = 0;
            for (int batch = 0; batch < 250; batch++) {
                List<Event> events = new ArrayList<>();
                for (int i = 0; i < 20; i++) {
                    events.add(new Event("e-" + batch + "-" + i, "load", Severity.DEBUG, null, null,
                            Json.of(details), Instant.now()));
                }
                store.events().append(events);
                if (Files.exists(wal)) {
                    maxWal = Math.max(maxWal, Files.size(wal));
                }
            }
            writing.set(false);
            for (Future<Long> read : reads) {
                assertThat(read.get(30, TimeUnit.SECONDS)).isPositive();
            }
            readers.shutdown();

            // About 10 MB went through the WAL; without checkpoints that can restart it, it would hold all of it.
            assertThat(maxWal).isLessThan(8L * 1024 * 1024);
            // SQLite's auto-checkpoint starts at about 4 MB of WAL, so the writer's own checkpoints did this.
            assertThat(store.writerStats().checkpoints()).isPositive();
            assertThat(store.events().countBySeverity().get(Severity.DEBUG)).isEqualTo(250 * 20);
        }
        assertThat(Files.exists(wal) ? Files.size(wal) : 0).isZero();
    }

    @Test
    void closeDrainsQueuedWritesAndThenRefusesWork() throws Exception {
        Path file = dir.resolve("hive.db");
        SqliteHiveStore store = Stores.open(file);
        ExecutorService threads = Executors.newFixedThreadPool(9);
        List<Future<?>> writes = new ArrayList<>();
        Future<?> closing;
        try (WriterBlocker blocker = new WriterBlocker(store)) {
            for (int i = 0; i < 8; i++) {
                String id = "queued-" + i;
                writes.add(threads.submit(() -> store.agents().register(AgentRegistration.of(id, "coder", Set.of()))));
            }
            WriterBlocker.awaitQueued(store, 8);
            closing = threads.submit(store::close);
            blocker.release();
        }
        closing.get(30, TimeUnit.SECONDS);
        for (Future<?> write : writes) {
            write.get(30, TimeUnit.SECONDS);
        }
        threads.shutdown();

        assertThatThrownBy(() -> store.agents().register(AgentRegistration.of("late", "coder", Set.of())))
                .isInstanceOf(StorageUnavailableException.class).hasMessage("store is closed");
        assertThatThrownBy(() -> store.agents().find("queued-0"))
                .isInstanceOf(StorageUnavailableException.class).hasMessage("store is closed");
        assertThat(store.health().healthy()).isFalse();

        try (SqliteHiveStore reopened = Stores.open(file)) {
            for (int i = 0; i < 8; i++) {
                assertThat(reopened.agents().find("queued-" + i)).isPresent();
            }
        }
    }

    private static String pragmas(SqliteControlMapper control) {
        return control.journalMode() + "/" + control.synchronous() + "/" + control.foreignKeys() + "/"
                + control.busyTimeout() + "/" + control.queryOnlyState() + "/" + control.journalSizeLimit();
    }
}
