package dev.agenthive.api.metric;

import java.util.List;

/** Driven port: the performance-metric samples. Samples are append-only. */
public interface MetricRepository {
    /** Most samples {@link #list} returns at once. */
    int MAX_LIMIT = 10_000;

    /**
     * Records every sample atomically: all are stored or none.
     *
     * @throws dev.agenthive.api.error.NotFoundException     an agent or task a sample names does not exist
     * @throws dev.agenthive.api.error.InvalidInputException tags are not a JSON object
     * @throws dev.agenthive.api.error.ConflictException     {@code DUPLICATE} when an id is taken
     */
    void record(List<Metric> metrics);

    /**
     * Count, min, max, average, p50 and p95 of the selected samples, from one consistent snapshot.
     */
    MetricAggregate aggregate(MetricQuery query);

    /**
     * The selected samples, oldest first (then by id).
     *
     * @param limit 1..{@value #MAX_LIMIT}
     */
    List<Metric> list(MetricQuery query, int limit);
}
