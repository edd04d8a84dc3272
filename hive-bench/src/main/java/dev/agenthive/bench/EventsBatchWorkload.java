package dev.agenthive.bench;

import dev.agenthive.api.event.NewEvent;
import dev.agenthive.api.event.Severity;
import dev.agenthive.api.json.Json;
import dev.agenthive.core.Hive;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.LongAdder;

/**
 * Batches of 100 events recorded in one transaction each by a few threads; throughput is rows per
 * second. Afterwards the log must hold exactly the events the batches recorded.
 */
final class EventsBatchWorkload implements Workload {
    private static final String TYPE = "bench.event";
    private static final int BATCH = 100;

    private final BenchSettings settings;
    private final int threads;

    EventsBatchWorkload(BenchSettings settings) {
        this.settings = settings;
        this.threads = 4;
    }

    @Override
    public String name() {
        return "events-batch100";
    }

    @Override
    public List<Measurement> run(BenchDatabase database) throws Exception {
        Measurement hive = Contended.run(database, "hive", target -> {
            try (Hive open = Hives.open(target, threads + 1)) {
                return measure("hive", worker -> {
                    List<NewEvent> events = new ArrayList<>(BATCH);
                    for (int i = 0; i < BATCH; i++) {
                        events.add(NewEvent.of(TYPE, Severity.INFO, HiveQueue.agent(worker), Json.of(details(i))));
                    }
                    return open.events().recordAll(events).size();
                }, () -> open.events().countBySeverity().getOrDefault(Severity.INFO, 0L));
            }
        });
        Measurement floor = Contended.run(database, "floor", target -> {
            Hives.open(target).close();
            try (Floor open = Floor.open(target, threads + 1)) {
                return measure("floor", worker -> {
                    List<Floor.FloorEvent> events = new ArrayList<>(BATCH);
                    for (int i = 0; i < BATCH; i++) {
                        events.add(new Floor.FloorEvent(FloorIds.next('e'), TYPE, "info", HiveQueue.agent(worker),
                                details(i)));
                    }
                    open.insertEvents(events);
                    return events.size();
                }, () -> open.countEvents(TYPE));
            }
        });
        return List.of(hive, floor);
    }

    private static String details(int n) {
        return "{\"module\":\"core\",\"n\":" + n + ",\"ok\":true}";
    }

    /** Records one batch for worker {@code worker}; returns the rows recorded. */
    @FunctionalInterface
    private interface Batch {
        int record(int worker) throws Exception;
    }

    private Measurement measure(String contender, Batch batch, Callable<Long> stored) throws Exception {
        ErrorLog errors = new ErrorLog(contender + " " + name(), System.err);
        LongAdder recorded = new LongAdder();
        long before = stored.call();
        TimedLoop.Result result = TimedLoop.run(contender, threads, settings.warmup(), settings.measure(), n -> latency -> {
            long start = System.nanoTime();
            int rows = batch.record(n);
            latency.since(start);
            recorded.add(rows);
            return rows;
        }, () -> false, errors);
        long added = stored.call() - before;
        if (added != recorded.sum()) {
            errors.record("recorded " + recorded.sum() + " events but the log grew by " + added);
        }
        return new Measurement(contender, result.units(), result.seconds(), result.throughput(),
                result.latency().p50Micros(), result.latency().p99Micros(), errors.count(),
                "rows/s; " + threads + " threads, " + BATCH + " rows per transaction");
    }
}
