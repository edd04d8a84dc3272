package dev.agenthive.api.metric;

import dev.agenthive.api.Checks;
import dev.agenthive.api.json.Json;

import java.time.Instant;

/**
 * Command to record a metric sample; the service assigns the id.
 *
 * @param agentId    optional agent measured; it must exist
 * @param taskId     optional task measured; it must exist
 * @param name       what was measured
 * @param value      a finite number
 * @param unit       unit of the value
 * @param tags       optional JSON object; {@code null} means {@code {}}
 * @param recordedAt optional; {@code null} means now
 */
public record NewMetric(
        String agentId,
        String taskId,
        String name,
        double value,
        String unit,
        Json tags,
        Instant recordedAt) {

    public NewMetric {
        Checks.optionalId(agentId, "metric.agentId");
        Checks.optionalId(taskId, "metric.taskId");
        Checks.id(name, "metric.name");
        Metric.finite(value);
        Checks.id(unit, "metric.unit");
        tags = tags == null ? Json.EMPTY_OBJECT : Checks.json(tags, "metric.tags");
    }

    /** A sample measured now, of no particular agent or task, without tags. */
    public static NewMetric of(String name, double value, String unit) {
        return new NewMetric(null, null, name, value, unit, null, null);
    }

    /** A sample of an agent (and optionally a task) measured now, without tags. */
    public static NewMetric of(String agentId, String taskId, String name, double value, String unit) {
        return new NewMetric(agentId, taskId, name, value, unit, null, null);
    }
}
