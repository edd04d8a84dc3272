package dev.agenthive.it.fault.sqlite;

import dev.agenthive.api.store.HiveStore;
import dev.agenthive.it.fault.Scale;
import dev.agenthive.it.process.JavaProcess;
import dev.agenthive.store.sqlite.SqliteStoreConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Writer processes on one SQLite file are killed with SIGKILL again and again, three running at any
 * time, at chosen moments: while the store opens, while a {@code wal_checkpoint(TRUNCATE)} runs, and
 * while group commits run; every fifth child instead starts on a brand-new file and is killed early,
 * mostly while Flyway migrates it. After every kill, with the
 * other children still writing: SQLite's {@code integrity_check} is {@code ok}, {@code foreign_key_check}
 * is empty, every write a ledger holds is in the file with its value, no transaction is half visible,
 * and the store opens (and migrates) cleanly. 21 kills in a plain build, over 200 with
 * {@code -Preliability}. Replaces the former single-writer {@code CrashRecoveryTest}.
 */
class SqliteCrashLoopTest {
    private static final int CHILDREN = 3;
    private static final int FRESH_FILE_EVERY = 5;
    private static final long WRITES_PER_CHILD = 10_000_000L;
    /**
     * The store opened after a kill gives up its closing checkpoint soon: a TRUNCATE checkpoint waits
     * for the other children's transactions and would block them meanwhile.
     */
    private static final Map<String, String> VERIFYING = Map.of(SqliteStoreConfig.BUSY_TIMEOUT, "1s");

    @TempDir
    Path dir;

    private final FaultStores stores = new FaultStores();
    private final Random random = new Random(13);
    private final Object verification = new Object();
    private final AtomicInteger kills = new AtomicInteger();
    private final AtomicInteger duringOpen = new AtomicInteger();
    private final AtomicInteger duringMigration = new AtomicInteger();
    private final AtomicInteger duringCheckpoint = new AtomicInteger();
    private final AtomicInteger duringCommit = new AtomicInteger();
    private final AtomicInteger integrityFailures = new AtomicInteger();
    private final AtomicLong recoveryMillisMax = new AtomicLong();
    /** The quickest open a child reported: kills meant for the open land within it. */
    private final AtomicLong openMillisMin = new AtomicLong(1500);
    private final List<String> problems = Collections.synchronizedList(new ArrayList<>());
    /** Distinct lost writes ({@code file:n}): a lost write is reported again by every later check. */
    private final Set<String> lostWrites = ConcurrentHashMap.newKeySet();
    private final Map<Path, Map<Long, Long>> acknowledged = new ConcurrentHashMap<>();
    private int migrations;

    private enum Plan { MIGRATION, OPEN, CHECKPOINT, COMMIT }

    @Test
    void everyKillLeavesASoundFileWithEveryAcknowledgedWriteAndNoHalfTransaction() throws Exception {
        int total = Scale.pick(21, 200);
        Path reference = dir.resolve("reference.db");
        stores.open(reference).close();
        migrations = SqliteFileCheck.migrations(reference);
        Path shared = dir.resolve("crash.db");
        acknowledged.put(shared, new ConcurrentHashMap<>());
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(CHILDREN);
        long started = System.nanoTime();
        try {
            List<Future<?>> slots = new ArrayList<>();
            for (int slot = 0; slot < CHILDREN; slot++) {
                slots.add(pool.submit(() -> {
                    for (int kill = next.getAndIncrement(); kill < total; kill = next.getAndIncrement()) {
                        if (kill % FRESH_FILE_EVERY == FRESH_FILE_EVERY - 1) {
                            Path fresh = dir.resolve("fresh-" + kill + ".db");
                            acknowledged.put(fresh, new ConcurrentHashMap<>());
                            killOnce(fresh, Plan.MIGRATION, kill);
                        } else {
                            killOnce(shared, pick(), kill);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> slot : slots) {
                slot.get(30, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
        long acked = acknowledged.values().stream().mapToLong(Map::size).sum();
        long lost = lostWrites.size();
        long halfVisible = problems.stream().filter(p -> p.startsWith("half")).count();
        Scale.report("sqlite-crash-loop kills=" + kills.get() + " during_open=" + duringOpen.get()
                + " during_migration=" + duringMigration.get() + " during_checkpoint=" + duringCheckpoint.get()
                + " during_commit=" + duringCommit.get() + " acknowledged=" + acked + " lost=" + lost
                + " half_visible=" + halfVisible + " integrity_failures=" + integrityFailures.get()
                + " recovery_ms_max=" + recoveryMillisMax.get() + " fresh_files=" + (acknowledged.size() - 1)
                + " seconds=" + TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started));
        assertThat(problems).as("problems found after the kills").isEmpty();
        assertThat(kills.get()).isEqualTo(total);
        assertThat(acked).as("the children acknowledged writes before they were killed").isPositive();
        assertThat(duringMigration.get()).as("kills that landed while a new file was being migrated").isPositive();
        assertThat(duringCheckpoint.get()).as("kills that landed during a checkpoint").isPositive();
        assertThat(duringCommit.get()).as("kills that landed during group commits").isPositive();
    }

    /** The integrity check this loop relies on does report a damaged page. */
    @Test
    void integrityCheckReportsACorruptPage() throws Exception {
        Path db = dir.resolve("sound.db");
        try (HiveStore store = stores.open(db)) {
            for (long n = 0; n < 300; n++) {
                TripleWrite.write(store, n, n * 7);
            }
        }
        assertThat(SqliteFileCheck.integrity(db)).containsExactly("ok");
        Path copy = dir.resolve("corrupt.db");
        Files.copy(db, copy, StandardCopyOption.REPLACE_EXISTING);
        long root = SqliteFileCheck.rootPage(copy, "tasks");
        try (FileChannel channel = FileChannel.open(copy, StandardOpenOption.WRITE)) {
            // The root page of the tasks table (pages count from 1), header and cells alike.
            byte[] garbage = new byte[4096];
            new Random(1).nextBytes(garbage);
            channel.write(ByteBuffer.wrap(garbage), (root - 1) * 4096);
        }
        assertThat(SqliteFileCheck.integrity(copy)).as("integrity_check of a copy with one page overwritten")
                .isNotEqualTo(List.of("ok"));
    }

    private Plan pick() {
        synchronized (random) {
            int r = random.nextInt(5);
            return r == 0 ? Plan.OPEN : r <= 2 ? Plan.CHECKPOINT : Plan.COMMIT;
        }
    }

    private int randomInt(int bound) {
        synchronized (random) {
            return random.nextInt(Math.max(1, bound));
        }
    }

    private void killOnce(Path db, Plan plan, int index) throws Exception {
        Path ledger = dir.resolve("ledger-" + index + ".txt");
        Path log = dir.resolve("child-" + index + ".log");
        try (ChildState state = ChildState.map(dir.resolve("state-" + index + ".bin"))) {
            long started = System.nanoTime();
            Process child = JavaProcess.start(WriterMain.class, log, "sqlite:" + db, ledger.toString(),
                    dir.resolve("state-" + index + ".bin").toString(), String.valueOf(index * WRITES_PER_CHILD), "4",
                    "true", "0");
            try {
                switch (plan) {
                    case MIGRATION, OPEN -> {
                        await(child, log, () -> state.phase() >= ChildState.OPENING, "opening");
                        Thread.sleep(randomInt((int) openMillisMin.get()));
                    }
                    case CHECKPOINT -> {
                        await(child, log, () -> state.phase() == ChildState.WRITING, "writing");
                        Thread.sleep(randomInt(200));
                        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                        while (!state.checkpointing() && System.nanoTime() < deadline && child.isAlive()) {
                            LockSupport.parkNanos(50_000);
                        }
                    }
                    case COMMIT -> {
                        await(child, log, () -> acknowledgedAny(ledger), "first acknowledged write");
                        Thread.sleep(randomInt(500));
                    }
                }
            } finally {
                child.destroyForcibly();
                assertThat(child.waitFor(60, TimeUnit.SECONDS)).as("killed child ended").isTrue();
            }
            int kill = kills.incrementAndGet();
            long killedAt = System.nanoTime();
            byte phase = state.phase();
            boolean checkpointing = state.checkpointing();
            noteOpenTime(log);
            synchronized (verification) {
                if (phase < ChildState.WRITING) {
                    duringOpen.incrementAndGet();
                    if (SqliteFileCheck.migrationUnfinished(db, migrations)) {
                        duringMigration.incrementAndGet();
                    }
                } else if (checkpointing) {
                    duringCheckpoint.incrementAndGet();
                } else {
                    duringCommit.incrementAndGet();
                }
                acknowledged.get(db).putAll(Ledger.read(ledger));
                verify(db);
            }
            System.out.printf("kill %d: %s, phase %d%s, child lived %d ms, checks %d ms%n", kill, plan, phase,
                    checkpointing ? " (checkpointing)" : "", TimeUnit.NANOSECONDS.toMillis(killedAt - started),
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killedAt));
        }
    }

    /** The checks after a kill, the store's opening (and migration) among them. */
    private void verify(Path db) throws Exception {
        synchronized (verification) {
            List<String> integrity = SqliteFileCheck.integrity(db);
            if (!integrity.equals(List.of("ok"))) {
                integrityFailures.incrementAndGet();
                problems.add("integrity of " + db + ": " + integrity);
            }
            List<String> references = SqliteFileCheck.foreignKeyViolations(db);
            if (!references.isEmpty()) {
                problems.add("foreign keys of " + db + ": " + references);
            }
            Map<Long, Long> acked = acknowledged.get(db);
            long opening = System.nanoTime();
            try (HiveStore store = stores.open(db, VERIFYING)) {
                recoveryMillisMax.accumulateAndGet(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - opening), Math::max);
                acked.keySet().stream().max(Long::compare).ifPresent(n -> {
                    if (store.sharedMemory().get(TripleWrite.NAMESPACE, "a-" + n).isEmpty()) {
                        problems.add("lost through the store: a-" + n);
                    }
                });
            }
            SqliteFileCheck.Writes writes = SqliteFileCheck.writes(db, acked);
            writes.lost().forEach(n -> problems.add("lost " + n));
            writes.lost().forEach(n -> lostWrites.add(db.getFileName() + ":" + n.substring(0, n.indexOf(' '))));
            writes.halfVisible().forEach(n -> problems.add("half visible " + n));
        }
    }

    private void noteOpenTime(Path log) throws IOException {
        if (Files.exists(log)) {
            for (String line : Files.readAllLines(log)) {
                if (line.startsWith("READY ")) {
                    openMillisMin.accumulateAndGet(Long.parseLong(line.split(" ")[1]), Math::min);
                }
            }
        }
    }

    private static boolean acknowledgedAny(Path ledger) {
        try {
            return Files.exists(ledger) && Files.size(ledger) > 0;
        } catch (IOException e) {
            return false;
        }
    }

    private static void await(Process child, Path log, BooleanSupplier condition, String what)
            throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!condition.getAsBoolean()) {
            if (!child.isAlive() || System.nanoTime() > deadline) {
                throw new AssertionError("child did not reach '" + what + "': "
                        + (Files.exists(log) ? Files.readString(log) : "(no log)"));
            }
            LockSupport.parkNanos(200_000);
        }
    }
}
