package dev.agenthive.it.fault.sqlite;

import dev.agenthive.api.event.Event;
import dev.agenthive.api.event.Severity;
import dev.agenthive.api.json.Json;
import dev.agenthive.api.memory.JsonType;
import dev.agenthive.api.memory.MemoryWrite;
import dev.agenthive.api.store.HiveStore;
import dev.agenthive.api.task.NewTask;

import java.time.Instant;
import java.util.List;

/**
 * The write every fault test makes: one transaction over three aggregates (a shared-memory entry
 * {@code a-<n>}, a task {@code t-<n>} and an event {@code e-<n>}), each carrying the write's number
 * and value, so that a half-visible transaction or a changed value shows in the file.
 */
final class TripleWrite {
    static final String NAMESPACE = "fault";
    static final String EVENT_TYPE = "fault.write";

    private TripleWrite() {
    }

    static void write(HiveStore store, long n, long v) {
        write(store, n, v, "");
    }

    /** The same, with {@code padding} added to the memory value (to fill a disk faster). */
    static void write(HiveStore store, long n, long v, String padding) {
        String json = "{\"n\":" + n + ",\"v\":" + v + (padding.isEmpty() ? "" : ",\"p\":\"" + padding + "\"") + "}";
        store.inTransaction(tx -> {
            tx.sharedMemory().put(new MemoryWrite(NAMESPACE, "a-" + n, Json.of(json), JsonType.OBJECT, null, null, 0L));
            tx.tasks().enqueue("t-" + n, NewTask.builder("fault " + n + " " + v).idempotencyKey("k-" + n).build());
            tx.events().append(List.of(new Event("e-" + n, EVENT_TYPE, Severity.INFO, null, null,
                    Json.of("{\"n\":" + n + ",\"v\":" + v + "}"), Instant.now())));
            return null;
        });
    }
}
