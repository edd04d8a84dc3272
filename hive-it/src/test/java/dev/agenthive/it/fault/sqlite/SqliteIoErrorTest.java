package dev.agenthive.it.fault.sqlite;

import dev.agenthive.api.error.StorageUnavailableException;
import dev.agenthive.api.store.HiveStore;
import dev.agenthive.it.fault.Scale;
import dev.agenthive.it.process.JavaProcess;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * I/O errors injected into a writer process with {@code strace -e inject=...:error=EIO}: first on
 * every {@code fsync}/{@code fdatasync} of a store with {@code synchronous=FULL} (so commits sync the
 * WAL), then on every {@code pwrite64} of a store with {@code synchronous=NORMAL}. The callers whose
 * commits failed get a {@link StorageUnavailableException}, never an acknowledgement; after the
 * injection stops the process is killed and restarted, and every write it acknowledged is in the
 * file with its value, none half visible, and the file is sound. Needs {@code strace} and ptrace;
 * skipped, saying so, without them.
 */
class SqliteIoErrorTest {
    @TempDir
    Path dir;

    private final FaultStores stores = new FaultStores();

    @Test
    void failedSyncsAndWritesAreNeverAcknowledgedAndLoseNothingAcknowledged() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/strace")),
                "SQLite I/O error test SKIPPED: /usr/bin/strace is not installed");
        int rounds = Scale.pick(1, 3);
        int injected = 0;
        int failedCalls = 0;
        int lost = 0;
        long acknowledged = 0;
        for (int round = 0; round < rounds; round++) {
            Outcome sync = inject(round, "fsync,fdatasync", "FULL");
            Outcome write = inject(round, "pwrite64", "NORMAL");
            for (Outcome outcome : List.of(sync, write)) {
                injected += outcome.injected();
                failedCalls += outcome.failedCalls();
                lost += outcome.lost();
                acknowledged += outcome.acknowledged();
            }
        }
        Scale.report("sqlite-io-errors injected=" + injected + " failed_calls=" + failedCalls
                + " acknowledged=" + acknowledged + " lost=" + lost);
        assertThat(lost).isZero();
    }

    private record Outcome(int injected, int failedCalls, long acknowledged, int lost) {
    }

    private Outcome inject(int round, String syscalls, String synchronous) throws Exception {
        String name = "io-" + round + "-" + syscalls.replace(',', '-');
        Path db = dir.resolve(name + ".db");
        Path ledger = dir.resolve(name + ".ledger");
        Path failures = dir.resolve(name + ".failures");
        Path log = dir.resolve(name + ".log");
        Path trace = dir.resolve(name + ".strace");
        Process child = JavaProcess.start(IoErrorWriterMain.class, log, "sqlite:" + db, ledger.toString(),
                failures.toString(), "0", synchronous);
        Process strace = null;
        long acknowledgedBeforeDetach;
        try {
            awaitUntil(child, log, () -> Ledger.read(ledger).size() >= 30, "30 acknowledged writes");
            strace = new ProcessBuilder("/usr/bin/strace", "-f", "-qq", "-o", trace.toString(), "-e", "trace=" + syscalls,
                    "-e", "inject=" + syscalls + ":error=EIO:when=1+", "-p", String.valueOf(child.pid()))
                    .redirectErrorStream(true).redirectOutput(dir.resolve(name + ".strace-out").toFile()).start();
            Process tracer = strace;
            awaitUntil(child, log, () -> {
                Assumptions.assumeTrue(tracer.isAlive() || injectedCount(trace) > 0,
                        () -> "SQLite I/O error test SKIPPED: strace could not attach: " + read(dir.resolve(name + ".strace-out")));
                return failures(failures).size() >= 5;
            }, "5 failed writes");
            acknowledgedBeforeDetach = Ledger.read(ledger).size();
            strace.destroy();
            assertThat(strace.waitFor(60, TimeUnit.SECONDS)).as("strace detached").isTrue();
            // The writer goes on after the injection stopped; its later acknowledgements are checked too.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (System.nanoTime() < deadline && Ledger.read(ledger).size() <= acknowledgedBeforeDetach) {
                Thread.sleep(50);
            }
        } finally {
            if (strace != null) {
                strace.destroyForcibly();
                strace.waitFor(60, TimeUnit.SECONDS);
            }
            child.destroyForcibly();
            assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        }
        List<String> failed = failures(failures);
        assertThat(failed).as("failed writes").isNotEmpty().allSatisfy(line -> assertThat(line.split(" ")[1])
                .as("the failure a caller got: %s", line).isEqualTo(StorageUnavailableException.class.getName()));
        Map<Long, Long> acked = Ledger.read(ledger);
        try (HiveStore restarted = stores.open(db)) {
            assertThat(restarted.health().healthy()).isTrue();
        }
        assertThat(SqliteFileCheck.integrity(db)).as("integrity after %s errors", syscalls).containsExactly("ok");
        SqliteFileCheck.Writes writes = SqliteFileCheck.writes(db, acked);
        assertThat(writes.halfVisible()).as("half-visible writes after %s errors", syscalls).isEmpty();
        System.out.println(syscalls + " (synchronous=" + synchronous + "): injected " + injectedCount(trace) + ", failed calls "
                + failed.size() + " (first: " + failed.get(0) + "), acknowledged " + acked.size() + " (after the injection stopped: "
                + (acked.size() - acknowledgedBeforeDetach) + "), lost " + writes.lost());
        return new Outcome(injectedCount(trace), failed.size(), acked.size(), writes.lost().size());
    }

    private static List<String> failures(Path file) throws Exception {
        List<String> lines = new ArrayList<>();
        if (Files.exists(file)) {
            for (String line : Files.readAllLines(file)) {
                if (!line.isBlank()) {
                    lines.add(line);
                }
            }
        }
        return lines;
    }

    private static int injectedCount(Path trace) {
        try {
            return Files.exists(trace) ? (int) Files.readAllLines(trace).stream().filter(l -> l.contains("(INJECTED)")).count() : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            return e.toString();
        }
    }

    private interface Check {
        boolean ok() throws Exception;
    }

    private static void awaitUntil(Process child, Path log, Check check, String what) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        while (!check.ok()) {
            assertThat(child.isAlive()).as("writer alive while waiting for %s: %s", what, read(log)).isTrue();
            assertThat(System.nanoTime()).as("%s in time: %s", what, read(log)).isLessThan(deadline);
            Thread.sleep(50);
        }
    }
}
