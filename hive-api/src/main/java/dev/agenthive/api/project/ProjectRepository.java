package dev.agenthive.api.project;

import java.util.List;
import java.util.Optional;

/**
 * Driven port: projects, their epics and their links with tasks. A project has no parent; an epic
 * belongs to exactly one project, and epics do not nest. A task may be linked to any number of
 * projects and epics.
 */
public interface ProjectRepository {

    /**
     * Creates a project or epic in {@link ProjectStatus#ACTIVE}.
     *
     * @throws dev.agenthive.api.error.NotFoundException     the parent of an epic does not exist
     * @throws dev.agenthive.api.error.InvalidInputException the parent is itself an epic, or the metadata is not valid JSON
     * @throws dev.agenthive.api.error.ConflictException     {@code DUPLICATE} when the id is taken
     */
    Project create(String id, NewProject project);

    Optional<Project> find(String id);

    List<Project> list(ProjectQuery query);

    /**
     * Changes the status if {@link ProjectStatus#allowedSources(ProjectStatus)} allows it.
     *
     * @throws dev.agenthive.api.error.NotFoundException                no such project
     * @throws dev.agenthive.api.error.InvalidStateTransitionException the current status does not allow it
     */
    Project updateStatus(String id, ProjectStatus status);

    /**
     * Links a task to a project or epic. Idempotent.
     *
     * @return {@code true} if the link is new, {@code false} if it existed
     * @throws dev.agenthive.api.error.NotFoundException the project or the task does not exist
     */
    boolean addTask(String projectId, String taskId);

    /**
     * Removes the link of a task with a project or epic.
     *
     * @return {@code true} if a link was removed
     * @throws dev.agenthive.api.error.NotFoundException the project or the task does not exist
     */
    boolean removeTask(String projectId, String taskId);

    /**
     * Ids of the tasks linked directly to the project or epic (not those of a project's epics), in
     * the order they were linked (links of the same instant by task id).
     *
     * @throws dev.agenthive.api.error.NotFoundException no such project
     */
    List<String> taskIds(String projectId);

    /**
     * The projects and epics a task is linked to, oldest first.
     *
     * @throws dev.agenthive.api.error.NotFoundException no such task
     */
    List<Project> projectsOfTask(String taskId);

    /**
     * Progress of a project (the distinct tasks linked to it or to any of its epics) or of an epic
     * (its own tasks), from one consistent snapshot.
     *
     * @throws dev.agenthive.api.error.NotFoundException no such project
     */
    ProjectProgress progress(String projectId);
}
