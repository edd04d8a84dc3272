package dev.agenthive.bench;

import dev.agenthive.api.json.Json;
import dev.agenthive.core.Hive;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Shared-memory puts of a 1 KiB JSON object by several threads to random keys of one namespace. Every
 * put returns the entry's new version; per key those versions must be exactly 1..n (no lost update).
 */
final class MemoryPutWorkload implements Workload {
    static final String NAMESPACE = "bench";
    private static final String VALUE = Payloads.document(1024);

    private final BenchSettings settings;
    private final int threads;
    private final int keys;

    MemoryPutWorkload(BenchSettings settings) {
        this.settings = settings;
        this.threads = 8;
        this.keys = settings.scale(10_000, 200);
    }

    @Override
    public String name() {
        return "memory-put";
    }

    @Override
    public List<Measurement> run(BenchDatabase database) throws Exception {
        Measurement hive = Contended.run(database, "hive", target -> {
            try (Hive open = Hives.open(target, threads + 1)) {
                Json value = Json.of(VALUE);
                return measure("hive", key -> open.sharedMemory().put(NAMESPACE, key, value).version());
            }
        });
        Measurement floor = Contended.run(database, "floor", target -> {
            Hives.open(target).close();
            try (Floor open = Floor.open(target, threads + 1)) {
                return measure("floor", key -> open.put(NAMESPACE, key, VALUE));
            }
        });
        return List.of(hive, floor);
    }

    /** A put returning the entry's version. */
    @FunctionalInterface
    private interface Put {
        long put(String key) throws Exception;
    }

    private Measurement measure(String contender, Put put) throws Exception {
        ErrorLog errors = new ErrorLog(contender + " " + name(), System.err);
        VersionCheck versions = new VersionCheck(keys);
        TimedLoop.Result result = TimedLoop.run(contender, threads, settings.warmup(), settings.measure(), n -> latency -> {
            int key = ThreadLocalRandom.current().nextInt(keys);
            long start = System.nanoTime();
            long version = put.put(key(key));
            latency.since(start);
            versions.record(key, version);
            return 1;
        }, () -> false, errors);
        versions.verify(errors);
        return new Measurement(contender, result.units(), result.seconds(), result.throughput(),
                result.latency().p50Micros(), result.latency().p99Micros(), errors.count(),
                "1 KiB value, " + threads + " threads, " + keys + " keys");
    }

    static String key(int n) {
        return "key-" + n;
    }

    /** The versions the puts of each key returned: count, sum and largest. */
    private static final class VersionCheck {
        private final long[] count;
        private final long[] sum;
        private final long[] max;

        VersionCheck(int keys) {
            count = new long[keys];
            sum = new long[keys];
            max = new long[keys];
        }

        synchronized void record(int key, long version) {
            count[key]++;
            sum[key] += version;
            max[key] = Math.max(max[key], version);
        }

        /** Versions 1..n, each once, have sum n(n+1)/2 and maximum n; anything else lost or repeated one. */
        synchronized void verify(ErrorLog errors) {
            for (int key = 0; key < count.length; key++) {
                long n = count[key];
                if (n > 0 && (max[key] != n || sum[key] != n * (n + 1) / 2)) {
                    errors.record("key " + key(key) + ": " + n + " puts returned versions summing to " + sum[key]
                            + " with maximum " + max[key] + ", not 1.." + n);
                }
            }
        }
    }
}
