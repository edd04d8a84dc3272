package dev.agenthive.bench;

import dev.agenthive.api.json.Json;
import dev.agenthive.core.Hive;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Shared-memory reads of existing keys (1 KiB values, written first and not measured) by several
 * threads; a key that is not found is an error.
 */
final class MemoryGetWorkload implements Workload {
    private static final String VALUE = Payloads.document(1024);

    private final BenchSettings settings;
    private final int threads;
    private final int keys;

    MemoryGetWorkload(BenchSettings settings) {
        this.settings = settings;
        this.threads = 8;
        this.keys = settings.scale(10_000, 200);
    }

    @Override
    public String name() {
        return "memory-get";
    }

    @Override
    public List<Measurement> run(BenchDatabase database) throws Exception {
        Measurement hive = Contended.run(database, "hive", target -> {
            try (Hive open = Hives.open(target, threads + 1)) {
                Json value = Json.of(VALUE);
                Parallel.forEach(4, keys,
                        n -> open.sharedMemory().put(MemoryPutWorkload.NAMESPACE, MemoryPutWorkload.key(n), value));
                return measure("hive", key -> open.sharedMemory().get(MemoryPutWorkload.NAMESPACE, key)
                        .map(entry -> entry.value().text()).orElse(null));
            }
        });
        Measurement floor = Contended.run(database, "floor", target -> {
            Hives.open(target).close();
            try (Floor open = Floor.open(target, threads + 1)) {
                Parallel.forEach(4, keys, n -> open.put(MemoryPutWorkload.NAMESPACE, MemoryPutWorkload.key(n), VALUE));
                return measure("floor", key -> open.get(MemoryPutWorkload.NAMESPACE, key));
            }
        });
        return List.of(hive, floor);
    }

    /** A read returning the value's text, or {@code null} when the key is absent. */
    @FunctionalInterface
    private interface Get {
        String get(String key) throws Exception;
    }

    private Measurement measure(String contender, Get get) throws Exception {
        ErrorLog errors = new ErrorLog(contender + " " + name(), System.err);
        TimedLoop.Result result = TimedLoop.run(contender, threads, settings.warmup(), settings.measure(), n -> latency -> {
            String key = MemoryPutWorkload.key(ThreadLocalRandom.current().nextInt(keys));
            long start = System.nanoTime();
            String value = get.get(key);
            latency.since(start);
            if (value == null) {
                errors.record("key " + key + " not found");
            }
            return 1;
        }, () -> false, errors);
        return new Measurement(contender, result.units(), result.seconds(), result.throughput(),
                result.latency().p50Micros(), result.latency().p99Micros(), errors.count(),
                threads + " threads, " + keys + " keys");
    }
}
