package dev.agenthive.bench;

/**
 * What one contender did in one workload: operations completed in the measured window, throughput per
 * second, latency percentiles of one operation in microseconds (NaN when not measurable, e.g. a peer
 * that does not expose per-job latency), errors seen, and a free note (e.g. "poll interval 1 s").
 */
public record Measurement(String contender, long operations, double seconds, double throughput,
                          double p50Micros, double p99Micros, long errors, String note) {
    /** The same measurement with {@code more} after its note. */
    Measurement withNote(String more) {
        return new Measurement(contender, operations, seconds, throughput, p50Micros, p99Micros, errors,
                note + ", " + more);
    }
}
