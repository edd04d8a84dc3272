package dev.agenthive.api.metric;

import dev.agenthive.api.Checks;
import dev.agenthive.api.error.InvalidInputException;

import java.time.Instant;

/**
 * The samples of one metric in a time window, optionally of one agent or task.
 *
 * @param name    the metric
 * @param from    recorded at or after (inclusive)
 * @param to      recorded before (exclusive); after {@code from}
 * @param agentId only this agent's samples, or {@code null} for all
 * @param taskId  only this task's samples, or {@code null} for all
 */
public record MetricQuery(String name, Instant from, Instant to, String agentId, String taskId) {
    public MetricQuery {
        Checks.id(name, "metricQuery.name");
        Checks.notNull(from, "metricQuery.from");
        Checks.notNull(to, "metricQuery.to");
        if (!from.isBefore(to)) {
            throw new InvalidInputException("metricQuery.to", "must be after metricQuery.from");
        }
        Checks.optionalId(agentId, "metricQuery.agentId");
        Checks.optionalId(taskId, "metricQuery.taskId");
    }

    /** Every sample of the metric in {@code [from, to)}. */
    public static MetricQuery of(String name, Instant from, Instant to) {
        return new MetricQuery(name, from, to, null, null);
    }
}
