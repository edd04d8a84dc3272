package dev.agenthive.api.project;

import dev.agenthive.api.json.Json;

import java.time.Instant;
import java.util.Objects;

/**
 * A project or an epic as stored.
 *
 * @param id          generated, time-ordered identifier
 * @param name        human-readable name
 * @param description longer text, may be {@code null}
 * @param kind        project or epic
 * @param parentId    the project an epic belongs to; {@code null} for a project
 * @param status      lifecycle state
 * @param metadata    caller's structured data about it
 * @param createdAt   creation time
 * @param updatedAt   last change
 */
public record Project(
        String id,
        String name,
        String description,
        ProjectKind kind,
        String parentId,
        ProjectStatus status,
        Json metadata,
        Instant createdAt,
        Instant updatedAt) {

    public Project {
        Objects.requireNonNull(id, "id is null");
        Objects.requireNonNull(name, "name is null");
        Objects.requireNonNull(kind, "kind is null");
        Objects.requireNonNull(status, "status is null");
        Objects.requireNonNull(metadata, "metadata is null");
        Objects.requireNonNull(createdAt, "createdAt is null");
        Objects.requireNonNull(updatedAt, "updatedAt is null");
    }
}
