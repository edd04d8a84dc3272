package dev.agenthive.api.checkpoint;

import dev.agenthive.api.Checks;
import dev.agenthive.api.json.Json;

/**
 * Command to create a checkpoint; it starts {@link CheckpointStatus#PENDING}.
 *
 * @param projectId the project or epic it belongs to; it must exist
 * @param name      unique within the project, at most 255 characters
 * @param kind      quality gate or milestone
 * @param criteria  a JSON object in the format the {@code CheckpointService} documents
 */
public record NewCheckpoint(String projectId, String name, CheckpointKind kind, Json criteria) {
    public NewCheckpoint {
        Checks.id(projectId, "checkpoint.projectId");
        Checks.id(name, "checkpoint.name");
        Checks.notNull(kind, "checkpoint.kind");
        Checks.json(Checks.notNull(criteria, "checkpoint.criteria"), "checkpoint.criteria");
    }
}
