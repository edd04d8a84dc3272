package dev.agenthive.api.checkpoint;

import dev.agenthive.api.json.Json;

import java.time.Instant;
import java.util.Objects;

/**
 * A checkpoint of a project as stored.
 *
 * @param id          generated, time-ordered identifier
 * @param projectId   the project or epic it belongs to
 * @param name        unique within the project
 * @param kind        quality gate or milestone
 * @param status      outcome of the latest evaluation
 * @param criteria    what must hold for it to pass (format: {@code CheckpointService})
 * @param lastResult  the per-criterion outcome of the latest evaluation, or {@code null} before the first
 * @param evaluatedAt time of the latest evaluation, or {@code null} before the first
 * @param createdAt   creation time
 * @param updatedAt   last change
 */
public record Checkpoint(
        String id,
        String projectId,
        String name,
        CheckpointKind kind,
        CheckpointStatus status,
        Json criteria,
        Json lastResult,
        Instant evaluatedAt,
        Instant createdAt,
        Instant updatedAt) {

    public Checkpoint {
        Objects.requireNonNull(id, "id is null");
        Objects.requireNonNull(projectId, "projectId is null");
        Objects.requireNonNull(name, "name is null");
        Objects.requireNonNull(kind, "kind is null");
        Objects.requireNonNull(status, "status is null");
        Objects.requireNonNull(criteria, "criteria is null");
        Objects.requireNonNull(createdAt, "createdAt is null");
        Objects.requireNonNull(updatedAt, "updatedAt is null");
    }
}
