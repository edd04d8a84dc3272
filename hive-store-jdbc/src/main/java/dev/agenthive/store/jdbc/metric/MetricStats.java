package dev.agenthive.store.jdbc.metric;

/** Count, min, max and average of a metric window; the last three are {@code null} on an empty window. */
public record MetricStats(long count, Double min, Double max, Double avg) {
}
