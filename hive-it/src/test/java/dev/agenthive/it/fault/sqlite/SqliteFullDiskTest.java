package dev.agenthive.it.fault.sqlite;

import dev.agenthive.api.error.StorageUnavailableException;
import dev.agenthive.api.store.HiveStore;
import dev.agenthive.it.fault.Scale;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The database on an 8 MB tmpfs that a filler file fills up: writes through the open store fail,
 * without hanging, with a {@link StorageUnavailableException} that names the full disk; nothing
 * acknowledged before is lost and the file stays sound while the disk is full; once the filler is
 * removed the SAME store writes again, and so does a reopened one. Two fills in a plain build, six
 * with {@code -Preliability}. Needs {@code mount} (root); skipped, saying so, elsewhere.
 */
class SqliteFullDiskTest {
    private static final String PADDING = "x".repeat(2_000);

    @TempDir
    Path dir;

    private final FaultStores stores = new FaultStores();
    private final ExecutorService caller = Executors.newSingleThreadExecutor();

    @Test
    void aFullDiskGivesAClearErrorLosesNothingAndTheSameStoreWritesAgainWhenSpaceReturns() throws Exception {
        Path mount = dir.resolve("tmpfs");
        Files.createDirectories(mount);
        String refused = run("mount", "-t", "tmpfs", "-o", "size=8m", "tmpfs", mount.toString());
        Assumptions.assumeTrue(refused == null, "SQLite full-disk test SKIPPED: cannot mount a tmpfs here: " + refused);
        try {
            fillAndRecover(mount.resolve("hive.db"), mount.resolve("filler"), Scale.pick(2, 6));
        } finally {
            caller.shutdownNow();
            // Lazy: the store's change counter stays memory-mapped until the JVM collects its buffer.
            run("umount", "-l", mount.toString());
        }
    }

    private void fillAndRecover(Path db, Path filler, int fills) throws Exception {
        Map<Long, Long> acknowledged = new HashMap<>();
        int clearErrors = 0;
        int failedButCommitted = 0;
        long n = 0;
        try (HiveStore store = stores.open(db)) {
            for (int fill = 0; fill < fills; fill++) {
                for (int i = 0; i < 50; i++, n++) {
                    write(store, n, PADDING);
                    acknowledged.put(n, n * 31);
                }
                fillDisk(filler);
                Map<Long, Long> failed = new HashMap<>();
                // The WAL and the database file have some room left inside them: write until the disk is needed.
                for (int attempt = 0; failed.size() < 5; attempt++, n++) {
                    assertThat(attempt).as("writes kept succeeding on a full disk").isLessThan(20_000);
                    try {
                        write(store, n, PADDING);
                        acknowledged.put(n, n * 31);
                    } catch (StorageUnavailableException e) {
                        assertThat(e.getMessage().toLowerCase(Locale.ROOT)).as("the error names the full disk: %s", e)
                                .containsAnyOf("sqlite_full", "disk is full", "disk full");
                        failed.put(n, n * 31);
                        clearErrors++;
                    }
                }
                assertThat(SqliteFileCheck.integrity(db)).as("integrity while the disk is full").containsExactly("ok");
                SqliteFileCheck.Writes whileFull = SqliteFileCheck.writes(db, acknowledged);
                assertThat(whileFull.lost()).as("acknowledged writes while the disk is full").isEmpty();
                assertThat(whileFull.halfVisible()).isEmpty();
                failedButCommitted += (int) failed.keySet().stream()
                        .filter(k -> store.sharedMemory().get(TripleWrite.NAMESPACE, "a-" + k).isPresent()).count();

                Files.delete(filler);
                for (int i = 0; i < 20; i++, n++) {
                    write(store, n, "");
                    acknowledged.put(n, n * 31);
                }
            }
        }
        try (HiveStore reopened = stores.open(db)) {
            write(reopened, n, "");
            acknowledged.put(n, n * 31);
        }
        assertThat(SqliteFileCheck.integrity(db)).containsExactly("ok");
        SqliteFileCheck.Writes after = SqliteFileCheck.writes(db, acknowledged);
        Scale.report("sqlite-full-disk fills=" + fills + " clear_errors=" + clearErrors + " lost="
                + after.lost().size() + " recovered=true acknowledged=" + acknowledged.size()
                + " failed_but_committed=" + failedButCommitted);
        assertThat(after.lost()).isEmpty();
        assertThat(after.halfVisible()).isEmpty();
    }

    /** One write on another thread, so that a hang fails the test instead of stalling it. */
    private void write(HiveStore store, long n, String padding) throws Exception {
        try {
            caller.submit(() -> {
                TripleWrite.write(store, n, n * 31, padding);
                return null;
            }).get(60, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw e;
        }
    }

    private static void fillDisk(Path filler) throws IOException {
        byte[] chunk = new byte[16 * 1024];
        try (OutputStream out = Files.newOutputStream(filler)) {
            while (true) {
                out.write(chunk);
            }
        } catch (IOException full) {
            if (!String.valueOf(full.getMessage()).contains("No space left")) {
                throw full;
            }
        }
    }

    /** Runs a command; null when it succeeded, else its exit code and output. */
    private static String run(String... command) throws Exception {
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            return e.getMessage();
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return process.exitValue() == 0 ? null : "exit " + process.exitValue() + ": " + output;
    }
}
