package dev.agenthive.api.project;

import dev.agenthive.api.Checks;

/**
 * Filter for listing projects and epics; {@code null} fields do not filter. Ordered by creation,
 * oldest first.
 *
 * @param kind     only projects or only epics
 * @param status   only this state
 * @param parentId only the epics of this project
 * @param limit    1..10,000
 */
public record ProjectQuery(ProjectKind kind, ProjectStatus status, String parentId, int limit) {
    public static final int MAX_LIMIT = 10_000;

    public ProjectQuery {
        Checks.optionalId(parentId, "projectQuery.parentId");
        Checks.between(limit, 1, MAX_LIMIT, "projectQuery.limit");
    }

    /** Every project and epic, up to {@link #MAX_LIMIT}. */
    public static ProjectQuery all() {
        return new ProjectQuery(null, null, null, MAX_LIMIT);
    }

    /** The epics of a project, up to {@link #MAX_LIMIT}. */
    public static ProjectQuery epicsOf(String projectId) {
        return new ProjectQuery(ProjectKind.EPIC, null, projectId, MAX_LIMIT);
    }
}
