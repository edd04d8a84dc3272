package dev.agenthive.it.fault.sqlite;

import dev.agenthive.api.store.HiveStore;
import dev.agenthive.it.process.Stores;
import dev.agenthive.store.sqlite.SqliteStoreConfig;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A writer child: opens the store (migrating a new file), then writes {@link TripleWrite}s from
 * several threads (so the store commits them in groups) and records each in its {@link Ledger} after
 * the store acknowledged it. With {@code checkpoint} set, another thread runs
 * {@code PRAGMA wal_checkpoint(TRUNCATE)} on its own connection every 50 to 250 milliseconds, with
 * the flag in the {@link ChildState} raised while it runs; the store itself is opened with the
 * smallest WAL bound, so that its own writer forces checkpoints too. The parent kills this process.
 *
 * <p>Arguments: url, ledger file, state file, first write number, writer threads, checkpoint
 * (true/false), the largest number of writes per thread (0: no limit) and, optionally, the store's
 * busy timeout (default 5s).
 */
public final class WriterMain {
    private WriterMain() {
    }

    public static void main(String[] args) throws Exception {
        String url = args[0];
        Path ledgerFile = Path.of(args[1]);
        ChildState state = ChildState.map(Path.of(args[2]));
        long base = Long.parseLong(args[3]);
        int threads = Integer.parseInt(args[4]);
        boolean checkpoint = Boolean.parseBoolean(args[5]);
        long limit = Long.parseLong(args[6]);
        String busyTimeout = args.length > 7 ? args[7] : "5s";
        state.phase(ChildState.STARTED);
        Ledger ledger = Ledger.append(ledgerFile);
        state.phase(ChildState.OPENING);
        long opening = System.nanoTime();
        HiveStore store = Stores.open(url, Map.of(SqliteStoreConfig.WAL_SIZE_LIMIT,
                String.valueOf(SqliteStoreConfig.MIN_WAL_SIZE_LIMIT), SqliteStoreConfig.BUSY_TIMEOUT, busyTimeout));
        state.phase(ChildState.WRITING);
        System.out.println("READY " + (System.nanoTime() - opening) / 1_000_000 + " ms " + ProcessHandle.current().pid());
        System.out.flush();
        Thread[] writers = new Thread[threads];
        for (int t = 0; t < threads; t++) {
            long start = base + t * 1_000_000L;
            writers[t] = new Thread(() -> {
                for (long n = start; limit == 0 || n < start + limit; n++) {
                    long v = ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE);
                    TripleWrite.write(store, n, v);
                    ledger.record(n, v);
                }
            }, "writer-" + t);
            writers[t].start();
        }
        if (checkpoint) {
            Thread checkpointer = new Thread(() -> checkpointLoop(url.substring("sqlite:".length()), state), "checkpointer");
            checkpointer.setDaemon(true);
            checkpointer.start();
        }
        for (Thread writer : writers) {
            writer.join();
        }
        store.close();
        System.out.println("DONE");
    }

    private static void checkpointLoop(String path, ChildState state) {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + path);
             Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA busy_timeout = 200");
            while (true) {
                Thread.sleep(ThreadLocalRandom.current().nextInt(50, 250));
                state.checkpointing(true);
                try {
                    statement.execute("PRAGMA wal_checkpoint(TRUNCATE)");
                } catch (SQLException busy) {
                    // A writer or reader was in the way for longer than the busy timeout: try again later.
                } finally {
                    state.checkpointing(false);
                }
            }
        } catch (SQLException | InterruptedException e) {
            System.out.println("checkpointer stopped: " + e);
        }
    }
}
