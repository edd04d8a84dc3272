package dev.agenthive.cli.demo;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * Latency of every measured call, per operation, shared by all agent threads. Recording is
 * lock-free so measuring does not serialise the agents it measures.
 */
public final class OperationStats {
    private final Map<Operation, LatencyHistogram> histograms = new EnumMap<>(Operation.class);
    private final LongAdder total = new LongAdder();

    public OperationStats() {
        for (Operation operation : Operation.values()) {
            histograms.put(operation, new LatencyHistogram());
        }
    }

    /** Records one completed call; failed calls are recorded too, they cost time as well. */
    public void record(Operation operation, long nanos) {
        histograms.get(operation).record(nanos);
        total.increment();
    }

    /** Calls recorded so far over all operations. */
    public long totalCalls() {
        return total.sum();
    }

    public LatencyHistogram.Snapshot snapshot(Operation operation) {
        return histograms.get(operation).snapshot();
    }
}
