package dev.agenthive.store.jdbc.task;

import dev.agenthive.api.json.Json;
import dev.agenthive.api.task.Task;
import dev.agenthive.api.task.TaskStatus;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * One row of {@code tasks}; dependencies live in their own table and join in {@link #toTask}.
 * {@code dependencyCount} is how many that table holds for the task, so that a task without any
 * needs no second query.
 */
public record TaskRow(
        String id,
        String title,
        String description,
        String type,
        TaskStatus status,
        int priority,
        String parentId,
        String assignedAgent,
        Set<String> requiredCapabilities,
        Json payload,
        Json result,
        Json error,
        int attempts,
        int maxAttempts,
        long leaseToken,
        Instant leaseUntil,
        Instant availableAt,
        String idempotencyKey,
        Instant createdAt,
        Instant updatedAt,
        Instant finishedAt,
        int dependencyCount) {

    public boolean hasDependencies() {
        return dependencyCount > 0;
    }

    /** The api record, with the task's dependencies in their enqueue order. */
    public Task toTask(List<String> dependencies) {
        return new Task(id, title, description, type, status, priority, parentId, dependencies, assignedAgent,
                requiredCapabilities, payload, result, error, attempts, maxAttempts, leaseToken, leaseUntil,
                availableAt, idempotencyKey, createdAt, updatedAt, finishedAt);
    }
}
