package dev.agenthive.it.crash;

import dev.agenthive.api.event.Event;
import dev.agenthive.api.event.Severity;
import dev.agenthive.api.json.Json;
import dev.agenthive.api.memory.JsonType;
import dev.agenthive.api.memory.MemoryWrite;
import dev.agenthive.api.store.HiveStore;
import dev.agenthive.api.task.NewTask;
import dev.agenthive.it.process.Stores;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;

/**
 * Child process of {@link CrashRecoveryTest}: several threads write through the store as fast as
 * they can, each write a transaction over three aggregates; after the store acknowledges a write,
 * its number goes to the ack file. The parent kills this process with SIGKILL at a random moment.
 * Ack lines need no fsync: a killed process's writes stay in the OS page cache.
 */
public final class CrashWriterMain {
    static final String NAMESPACE = "crash";

    private CrashWriterMain() {
    }

    public static void main(String[] args) throws Exception {
        String url = args[0];
        Path ackFile = Path.of(args[1]);
        long base = Long.parseLong(args[2]);
        int threads = 4;
        HiveStore store = Stores.open(url);
        System.out.println("READY");
        System.out.flush();
        Thread[] writers = new Thread[threads];
        for (int t = 0; t < threads; t++) {
            long start = base + t * 1_000_000L;
            writers[t] = new Thread(() -> write(store, ackFile, start), "crash-writer-" + t);
            writers[t].start();
        }
        for (Thread writer : writers) {
            writer.join();
        }
    }

    private static void write(HiveStore store, Path ackFile, long start) {
        for (long n = start; ; n++) {
            long number = n;
            store.inTransaction(tx -> {
                tx.sharedMemory().put(new MemoryWrite(NAMESPACE, "a-" + number, Json.of("{\"n\":" + number + "}"),
                        JsonType.OBJECT, null, null, 0L));
                tx.tasks().enqueue("t-" + number, NewTask.builder("crash " + number).idempotencyKey("k-" + number).build());
                tx.events().append(List.of(new Event("e-" + number, "crash.write", Severity.INFO, null, null,
                        Json.EMPTY_OBJECT, Instant.now())));
                return null;
            });
            synchronized (CrashWriterMain.class) {
                try {
                    Files.writeString(ackFile, number + "\n", StandardCharsets.UTF_8,
                            StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
    }
}
