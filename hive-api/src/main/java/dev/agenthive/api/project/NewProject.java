package dev.agenthive.api.project;

import dev.agenthive.api.Checks;
import dev.agenthive.api.error.InvalidInputException;
import dev.agenthive.api.json.Json;

/**
 * Command to create a project or an epic; it starts {@link ProjectStatus#ACTIVE}. Use
 * {@link #project} or {@link #epic} for the common cases.
 *
 * @param name        must not be blank, at most 500 characters
 * @param description optional, at most 65,536 characters
 * @param kind        project or epic
 * @param parentId    required for an epic (the project it belongs to, which must exist and be a
 *                    project); must be {@code null} for a project
 * @param metadata    optional structured data; {@code null} means {@code {}}
 */
public record NewProject(String name, String description, ProjectKind kind, String parentId, Json metadata) {
    public static final int MAX_NAME_LENGTH = 500;
    public static final int MAX_DESCRIPTION_LENGTH = 65_536;

    public NewProject {
        Checks.notBlank(name, "project.name");
        Checks.text(Checks.maxLength(name, MAX_NAME_LENGTH, "project.name"), "project.name");
        Checks.text(Checks.maxLength(description, MAX_DESCRIPTION_LENGTH, "project.description"), "project.description");
        Checks.notNull(kind, "project.kind");
        Checks.optionalId(parentId, "project.parentId");
        if (kind == ProjectKind.EPIC && parentId == null) {
            throw new InvalidInputException("project.parentId", "is required for an epic");
        }
        if (kind == ProjectKind.PROJECT && parentId != null) {
            throw new InvalidInputException("project.parentId", "must be null for a project");
        }
        metadata = metadata == null ? Json.EMPTY_OBJECT : Checks.json(metadata, "project.metadata");
    }

    /** A top-level project with a name only. */
    public static NewProject project(String name) {
        return new NewProject(name, null, ProjectKind.PROJECT, null, null);
    }

    /** An epic of {@code projectId} with a name only. */
    public static NewProject epic(String projectId, String name) {
        return new NewProject(name, null, ProjectKind.EPIC, projectId, null);
    }
}
