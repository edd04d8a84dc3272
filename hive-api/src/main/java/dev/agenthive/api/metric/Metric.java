package dev.agenthive.api.metric;

import dev.agenthive.api.Checks;
import dev.agenthive.api.error.InvalidInputException;
import dev.agenthive.api.json.Json;

import java.time.Instant;

/**
 * One sample of a performance metric. Samples are immutable once recorded.
 *
 * @param id         time-ordered identifier
 * @param agentId    the agent measured, or {@code null}; it must exist when given
 * @param taskId     the task measured, or {@code null}; it must exist when given
 * @param name       what was measured, e.g. {@code "test.coverage"}
 * @param value      the measurement, a finite number
 * @param unit       unit of the value, e.g. {@code "ms"} or {@code "ratio"}
 * @param tags       a JSON object of further dimensions
 * @param recordedAt when it was measured
 */
public record Metric(
        String id,
        String agentId,
        String taskId,
        String name,
        double value,
        String unit,
        Json tags,
        Instant recordedAt) {

    public Metric {
        Checks.id(id, "metric.id");
        Checks.optionalId(agentId, "metric.agentId");
        Checks.optionalId(taskId, "metric.taskId");
        Checks.id(name, "metric.name");
        finite(value);
        Checks.id(unit, "metric.unit");
        Checks.notNull(tags, "metric.tags");
        Checks.notNull(recordedAt, "metric.recordedAt");
    }

    static void finite(double value) {
        if (!Double.isFinite(value)) {
            throw new InvalidInputException("metric.value", "must be a finite number, was " + value);
        }
    }
}
