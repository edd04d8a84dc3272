package dev.agenthive.api.service;

import dev.agenthive.api.metric.Metric;
import dev.agenthive.api.metric.MetricAggregate;
import dev.agenthive.api.metric.MetricQuery;
import dev.agenthive.api.metric.NewMetric;

import java.util.List;

/** Use cases of performance metrics. */
public interface MetricService {

    /**
     * Records one sample.
     *
     * @throws dev.agenthive.api.error.NotFoundException     the agent or task it names does not exist
     * @throws dev.agenthive.api.error.InvalidInputException the tags are not a JSON object
     */
    Metric record(NewMetric metric);

    /** Records every sample atomically: all or none. */
    List<Metric> recordAll(List<NewMetric> metrics);

    /** Count, min, max, average, p50 and p95 of the samples in the query's window. */
    MetricAggregate aggregate(MetricQuery query);

    /** The samples in the query's window, oldest first, at most {@code limit}. */
    List<Metric> list(MetricQuery query, int limit);
}
