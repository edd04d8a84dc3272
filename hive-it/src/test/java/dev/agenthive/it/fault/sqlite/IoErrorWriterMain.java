package dev.agenthive.it.fault.sqlite;

import dev.agenthive.api.store.HiveStore;
import dev.agenthive.it.process.Stores;
import dev.agenthive.store.sqlite.SqliteStoreConfig;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A writer child for I/O error injection: two threads write {@link TripleWrite}s without end; a
 * write the store acknowledged goes to the ledger, a write that failed goes to the failure file as
 * {@code <n> <exception class> <message>}, and the thread carries on. Arguments: url, ledger file,
 * failure file, first write number, {@code hive.sqlite.synchronous} (FULL syncs the WAL at every commit).
 */
public final class IoErrorWriterMain {
    private IoErrorWriterMain() {
    }

    public static void main(String[] args) throws Exception {
        String url = args[0];
        Ledger ledger = Ledger.append(Path.of(args[1]));
        Ledger failures = Ledger.append(Path.of(args[2]));
        long base = Long.parseLong(args[3]);
        HiveStore store = Stores.open(url, Map.of(SqliteStoreConfig.SYNCHRONOUS, args[4],
                SqliteStoreConfig.WAL_SIZE_LIMIT, String.valueOf(SqliteStoreConfig.MIN_WAL_SIZE_LIMIT),
                SqliteStoreConfig.WRITE_RETRY_TIMEOUT, "5s"));
        System.out.println("READY " + ProcessHandle.current().pid());
        System.out.flush();
        Thread[] writers = new Thread[2];
        for (int t = 0; t < writers.length; t++) {
            long start = base + t * 1_000_000L;
            writers[t] = new Thread(() -> {
                for (long n = start; ; n++) {
                    long v = ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE);
                    try {
                        TripleWrite.write(store, n, v);
                        ledger.record(n, v);
                    } catch (RuntimeException e) {
                        failures.note(n + " " + e.getClass().getName() + " " + e.getMessage());
                        sleep();
                    }
                }
            }, "writer-" + t);
            writers[t].start();
        }
        for (Thread writer : writers) {
            writer.join();
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
