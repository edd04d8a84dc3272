package dev.agenthive.it.fault.sqlite;

import dev.agenthive.api.store.HiveStore;
import dev.agenthive.api.store.StoreHealth;
import dev.agenthive.it.fault.Scale;
import dev.agenthive.it.process.JavaProcess;
import dev.agenthive.store.sqlite.SqliteStoreConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A reader in another process holds one read transaction for a long time while two writer
 * processes keep writing: the writers still make progress, the WAL grows past the store's bound
 * (the reader pins the frames after its snapshot) and {@code health()} shows its size, and once the
 * reader leaves, the writers' checkpoint policy brings the WAL back under the bound. Holds 6 s in a
 * plain build, 30 s with {@code -Preliability}.
 */
class SqliteLongReaderTest {
    private static final long WAL_LIMIT = SqliteStoreConfig.MIN_WAL_SIZE_LIMIT;
    /**
     * The writers' busy timeout: a checkpoint that waits for the reader holds every writer of every
     * process for this long, which shows as a pause in their acknowledgements.
     */
    private static final long WRITER_BUSY_TIMEOUT_SECONDS = 5;

    @TempDir
    Path dir;

    private final FaultStores stores = new FaultStores();

    @Test
    void writersKeepGoingWhileAReaderHoldsTheWalAndItShrinksAfterwards() throws Exception {
        int holdSeconds = Scale.pick(6, 30);
        Path db = dir.resolve("long-reader.db");
        Path wal = dir.resolve("long-reader.db-wal");
        List<Process> processes = new ArrayList<>();
        List<Path> ledgers = new ArrayList<>();
        try (HiveStore observer = stores.open(db, Map.of(SqliteStoreConfig.WAL_SIZE_LIMIT, String.valueOf(WAL_LIMIT)))) {
            for (int w = 0; w < 2; w++) {
                Path ledger = dir.resolve("ledger-" + w + ".txt");
                ledgers.add(ledger);
                processes.add(JavaProcess.start(WriterMain.class, dir.resolve("writer-" + w + ".log"), "sqlite:" + db,
                        ledger.toString(), dir.resolve("state-" + w + ".bin").toString(), String.valueOf(w * 10_000_000L),
                        "2", "false", "0", WRITER_BUSY_TIMEOUT_SECONDS + "s"));
            }
            long warmup = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
            while (acknowledged(ledgers) < 50) {
                assertThat(System.nanoTime()).as("writers started writing").isLessThan(warmup);
                assertThat(processes).allMatch(Process::isAlive);
                Thread.sleep(50);
            }
            long beforeStart = acknowledged(ledgers);
            long beforeNanos = System.nanoTime();
            Thread.sleep(2_000);
            double ratePerSecondBefore = (acknowledged(ledgers) - beforeStart)
                    / ((System.nanoTime() - beforeNanos) / 1e9);

            Path release = dir.resolve("release");
            Path readerLog = dir.resolve("reader.log");
            Process reader = JavaProcess.start(LongReaderMain.class, readerLog, db.toString(), release.toString());
            processes.add(reader);
            awaitLine(reader, readerLog, "HOLDING");
            long holdStart = acknowledged(ledgers);
            long holdStartNanos = System.nanoTime();
            // Once the WAL is past its bound, every writer batch meets the checkpoint policy.
            long pinnedDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (size(wal) <= WAL_LIMIT) {
                assertThat(System.nanoTime()).as("the WAL grew past its bound while the reader held it").isLessThan(pinnedDeadline);
                Thread.sleep(50);
            }
            long pinnedStart = acknowledged(ledgers);
            long holdNanos = System.nanoTime();
            long walMax = 0;
            long seen = pinnedStart;
            long lastProgress = holdNanos;
            long longestPause = 0;
            while (System.nanoTime() - holdNanos < TimeUnit.SECONDS.toNanos(holdSeconds)) {
                walMax = Math.max(walMax, size(wal));
                long now = acknowledged(ledgers);
                if (now > seen) {
                    seen = now;
                    lastProgress = System.nanoTime();
                }
                longestPause = Math.max(longestPause, System.nanoTime() - lastProgress);
                Thread.sleep(100);
            }
            StoreHealth health = observer.health();
            walMax = Math.max(walMax, size(wal));
            long writesWhilePinned = acknowledged(ledgers) - pinnedStart;
            long writesDuringHold = acknowledged(ledgers) - holdStart;
            double holdSecondsMeasured = (System.nanoTime() - holdStartNanos) / 1e9;
            long healthWalBytes = Long.parseLong(health.details().getOrDefault("wal_bytes", "-1"));

            Files.createFile(release);
            awaitLine(reader, readerLog, "RELEASED");
            long shrinkDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            long walAfter = size(wal);
            while (walAfter > WAL_LIMIT && System.nanoTime() < shrinkDeadline) {
                Thread.sleep(100);
                walAfter = size(wal);
            }
            StoreHealth after = observer.health();
            Scale.report("sqlite-long-reader hold_s=" + Math.round(holdSecondsMeasured)
                    + " writes_during_hold=" + writesDuringHold + " writes_while_wal_past_bound=" + writesWhilePinned
                    + " longest_writer_pause_ms=" + TimeUnit.NANOSECONDS.toMillis(longestPause)
                    + " writes_per_s_before=" + Math.round(ratePerSecondBefore)
                    + " writes_per_s_during_hold=" + Math.round(writesDuringHold / holdSecondsMeasured)
                    + " wal_max_bytes=" + walMax + " health_wal_bytes=" + healthWalBytes + " wal_after_bytes=" + walAfter
                    + " wal_limit_bytes=" + WAL_LIMIT);
            System.out.println("health during the hold: " + health.details());
            System.out.println("health after: " + after.details());

            assertThat(writesWhilePinned).as("writes acknowledged in the %d s the reader pinned a WAL past its bound",
                    holdSeconds).isPositive();
            // A checkpoint that waits for the reader stalls all writers for the whole busy timeout (a
            // pause of 5 s); the writers' own pauses, even on a loaded machine, are a small fraction of it.
            assertThat(TimeUnit.NANOSECONDS.toMillis(longestPause)).as("longest pause of the writers while the reader"
                    + " pinned the WAL").isLessThan(TimeUnit.SECONDS.toMillis(WRITER_BUSY_TIMEOUT_SECONDS) / 2);
            assertThat(walMax).as("the WAL grew past its bound while the reader pinned it").isGreaterThan(WAL_LIMIT);
            assertThat(healthWalBytes).as("health() shows the grown WAL").isGreaterThan(WAL_LIMIT);
            assertThat(Long.parseLong(health.details().get("wal_pages"))).isPositive();
            assertThat(walAfter).as("the WAL shrank back under its bound after the reader left").isLessThanOrEqualTo(WAL_LIMIT);
            assertThat(Long.parseLong(after.details().get("wal_bytes"))).as("health() after the reader left")
                    .isLessThanOrEqualTo(WAL_LIMIT);
        } finally {
            for (Process process : processes) {
                process.destroyForcibly();
                process.waitFor(60, TimeUnit.SECONDS);
            }
        }
        Map<Long, Long> acked = new HashMap<>();
        for (Path ledger : ledgers) {
            acked.putAll(Ledger.read(ledger));
        }
        assertThat(SqliteFileCheck.integrity(db)).containsExactly("ok");
        SqliteFileCheck.Writes writes = SqliteFileCheck.writes(db, acked);
        assertThat(writes.lost()).isEmpty();
        assertThat(writes.halfVisible()).isEmpty();
    }

    private static long acknowledged(List<Path> ledgers) throws Exception {
        long count = 0;
        for (Path ledger : ledgers) {
            count += Ledger.read(ledger).size();
        }
        return count;
    }

    private static long size(Path file) throws Exception {
        try {
            return Files.size(file);
        } catch (NoSuchFileException e) {
            return 0;
        }
    }

    private static void awaitLine(Process process, Path log, String line) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!(Files.exists(log) && Files.readString(log).contains(line))) {
            assertThat(process.isAlive() || Files.readString(log).contains(line))
                    .as("process ended before '%s': %s", line, Files.exists(log) ? Files.readString(log) : "").isTrue();
            assertThat(System.nanoTime()).as("'%s' in time", line).isLessThan(deadline);
            Thread.sleep(20);
        }
    }
}
