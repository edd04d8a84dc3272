package dev.agenthive.it.fault.postgres;

import dev.agenthive.it.fault.Scale;
import dev.agenthive.it.process.JavaProcess;
import dev.agenthive.it.process.Stores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Four worker processes ({@link LedgerWorkerMain}) run agents against a PostgreSQL server of this
 * test's own while the test stops it with {@code pg_ctl stop -m immediate} and starts it again on
 * the same port and data directory, and terminates the pool's backends with
 * {@code pg_terminate_backend}. Afterwards the workers' ledgers are checked against the database:
 * every acknowledged enqueue, completion, failure, compare-and-set and message is there with the
 * values acknowledged; no idempotency key is stored twice, no task was acknowledged completed under
 * two leases, and every compare-and-set key's version equals its number of writes. The callers saw
 * only {@link dev.agenthive.api.error.StorageUnavailableException}s, and at least one (the outage
 * reached them). Recovery time: from the restart to the first acknowledged operation after it.
 */
class PostgresImmediateShutdownTest {
    private static final int WORKERS = 4;
    private static final int KEYS = 8;

    @TempDir
    Path dir;

    @Test
    void nothingAcknowledgedIsLostAndNothingDoubledThroughImmediateShutdownsAndTerminatedBackends() throws Exception {
        int restarts = Scale.pick(1, 5);
        int terminations = Scale.pick(3, 20);
        try (OwnPostgres server = OwnPostgres.start(dir)) {
            Stores.open(server.storeUrl()).close();
            Path stop = dir.resolve("stop");
            List<Path> ledgers = new ArrayList<>();
            List<Process> workers = new ArrayList<>();
            try {
                for (int w = 0; w < WORKERS; w++) {
                    Path ledger = dir.resolve("ledger-" + w);
                    ledgers.add(ledger);
                    workers.add(JavaProcess.start(LedgerWorkerMain.class, dir.resolve("worker-" + w + ".log"),
                            server.storeUrl(), "w" + w, String.valueOf(KEYS), stop.toString(), ledger.toString()));
                }
                long began = System.nanoTime();
                awaitAcknowledged(ledgers, 40, 120);
                progress(began, "workers running");

                long recoveryMaxMs = 0;
                int terminated = 0;
                int terminatedBackends = 0;
                for (int round = 0; round < restarts; round++) {
                    // Terminations spread over the rounds, the rest after the last restart.
                    int here = round == restarts - 1 ? terminations - terminated : terminations / restarts;
                    for (int t = 0; t < here / 2; t++, terminated++) {
                        terminatedBackends += server.terminateBackends();
                        Thread.sleep(700);
                    }
                    long acknowledgedBefore = Ledger.read(ledgers).acknowledged();
                    server.stopImmediately();
                    Thread.sleep(3_000);
                    server.restart();
                    long restartedAt = System.currentTimeMillis();
                    progress(began, "restarted");
                    long firstAck = awaitAckAfter(ledgers, restartedAt, 60);
                    recoveryMaxMs = Math.max(recoveryMaxMs, firstAck - restartedAt);
                    assertThat(acknowledgedBefore).isPositive();
                    for (int t = here / 2; t < here; t++, terminated++) {
                        Thread.sleep(700);
                        terminatedBackends += server.terminateBackends();
                    }
                    awaitAcknowledged(ledgers, Ledger.read(ledgers).acknowledged() + 20, 60);
                }
                Files.createFile(stop);
                progress(began, "faults done");
                for (int w = 0; w < WORKERS; w++) {
                    Process worker = workers.get(w);
                    assertThat(worker.waitFor(180, TimeUnit.SECONDS)).as("worker %d finished (log worker-%d.log)", w, w).isTrue();
                    assertThat(worker.exitValue()).as("worker %d exit: %s", w,
                            Files.readString(dir.resolve("worker-" + w + ".log"))).isZero();
                }

                progress(began, "workers finished");
                Ledger ledger = Ledger.read(ledgers);
                try (Connection db = server.connect(OwnPostgres.DATABASE)) {
                    List<String> lost = ledger.lost(db);
                    List<String> doubled = ledger.doubled(db);
                    Scale.report("pg-immediate-shutdown runs=1 restarts=" + restarts
                            + " terminated_backends=" + terminatedBackends + " terminations=" + terminated
                            + " acknowledged=" + ledger.acknowledged() + " failed_calls=" + ledger.failures().size()
                            + " lease_lost=" + ledger.leaseLost() + " lost=" + lost.size() + " doubled=" + doubled.size()
                            + " recovery_ms_max=" + recoveryMaxMs);
                    assertThat(lost).as("acknowledged but not in the database").isEmpty();
                    assertThat(doubled).as("applied twice").isEmpty();
                }
                assertThat(ledger.acks("complete")).isNotEmpty();
                assertThat(ledger.acks("fail")).isNotEmpty();
                assertThat(ledger.acks("cas")).isNotEmpty();
                assertThat(ledger.acks("send")).isNotEmpty();
                assertThat(ledger.failureTypes()).as("what callers saw during the outages")
                        .containsKey("StorageUnavailableException").containsOnlyKeys("StorageUnavailableException");
            } catch (AssertionError | Exception e) {
                printTails(dir, WORKERS);
                throw e;
            } finally {
                workers.forEach(Process::destroyForcibly);
            }
        }
    }

    /** The end of each worker's log, for the report of a failed run. */
    static void printTails(Path dir, int workers) throws java.io.IOException {
        for (int w = 0; w < workers; w++) {
            Path log = dir.resolve("worker-" + w + ".log");
            if (Files.exists(log)) {
                List<String> lines = Files.readAllLines(log);
                System.out.println("--- worker-" + w + ".log, last lines:");
                lines.subList(Math.max(0, lines.size() - 30), lines.size()).forEach(System.out::println);
            }
        }
    }

    private static void progress(long beganNanos, String what) {
        System.out.println("pg-immediate-shutdown " + what + " at " + (System.nanoTime() - beganNanos) / 1_000_000 + " ms");
    }

    /** Waits until the ledgers hold {@code count} acknowledged operations; fails after {@code seconds}. */
    private static void awaitAcknowledged(List<Path> ledgers, long count, int seconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (Ledger.read(ledgers).acknowledged() < count) {
            assertThat(System.nanoTime()).as("%d acknowledged operations within %d s", count, seconds).isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    /** The time of the first operation acknowledged at or after {@code epochMs}; fails after {@code seconds}. */
    private static long awaitAckAfter(List<Path> ledgers, long epochMs, int seconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (true) {
            long first = Ledger.read(ledgers).firstAckAtOrAfter(epochMs);
            if (first >= 0) {
                return first;
            }
            assertThat(System.nanoTime()).as("an operation acknowledged within %d s of the restart", seconds).isLessThan(deadline);
            Thread.sleep(50);
        }
    }
}
