package dev.agenthive.store.jdbc.task;

import dev.agenthive.api.json.Json;
import dev.agenthive.api.task.Task;
import dev.agenthive.api.task.TaskStatus;
import dev.agenthive.store.jdbc.content.LargeContents;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * One row of {@code tasks}; dependencies live in their own table and join in {@link #toTask}.
 * {@code dependencyCount} is how many that table holds for the task, so that a task without any
 * needs no second query. {@code payloadBlob} and {@code resultBlob} name the blob a large payload or
 * result went to ({@link LargeContents}); the JSON column then holds {@code null}.
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
        int dependencyCount,
        String payloadBlob,
        String resultBlob) {

    public boolean hasDependencies() {
        return dependencyCount > 0;
    }

    /**
     * This row with {@code given} as its payload when the payload is in the blob store, where it is
     * {@code given} byte for byte: the write that stored it need not read it back.
     */
    public TaskRow withStoredPayload(Json given) {
        if (payloadBlob == null) {
            return this;
        }
        return new TaskRow(id, title, description, type, status, priority, parentId, assignedAgent,
                requiredCapabilities, given, result, error, attempts, maxAttempts, leaseToken, leaseUntil, availableAt,
                idempotencyKey, createdAt, updatedAt, finishedAt, dependencyCount, null, resultBlob);
    }

    /** The api record, with the task's dependencies in their enqueue order and its content loaded from blobs. */
    public Task toTask(List<String> dependencies, LargeContents contents) {
        Json payloadValue = payloadBlob == null ? payload : contents.load(payloadBlob, "task '" + id + "' (payload)");
        Json resultValue = resultBlob == null ? result : contents.load(resultBlob, "task '" + id + "' (result)");
        return new Task(id, title, description, type, status, priority, parentId, dependencies, assignedAgent,
                requiredCapabilities, payloadValue, resultValue, error, attempts, maxAttempts, leaseToken, leaseUntil,
                availableAt, idempotencyKey, createdAt, updatedAt, finishedAt);
    }
}
