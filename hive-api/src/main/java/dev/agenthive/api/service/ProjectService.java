package dev.agenthive.api.service;

import dev.agenthive.api.project.NewProject;
import dev.agenthive.api.project.Project;
import dev.agenthive.api.project.ProjectProgress;
import dev.agenthive.api.project.ProjectQuery;
import dev.agenthive.api.project.ProjectStatus;

import java.util.List;
import java.util.Optional;

/** Use cases of projects, epics and their tasks. */
public interface ProjectService {

    /**
     * Creates a project, or an epic of an existing project.
     *
     * @throws dev.agenthive.api.error.NotFoundException     the parent of an epic does not exist
     * @throws dev.agenthive.api.error.InvalidInputException the parent is an epic, or the metadata is not valid JSON
     */
    Project create(NewProject project);

    Optional<Project> find(String projectId);

    /** @throws dev.agenthive.api.error.NotFoundException no such project */
    Project get(String projectId);

    List<Project> list(ProjectQuery query);

    /** @see dev.agenthive.api.project.ProjectRepository#updateStatus */
    Project setStatus(String projectId, ProjectStatus status);

    /**
     * Links a task to a project or epic; linking it again changes nothing.
     *
     * @return {@code true} if the link is new
     * @throws dev.agenthive.api.error.NotFoundException the project or the task does not exist
     */
    boolean addTask(String projectId, String taskId);

    /** @return {@code true} if a link was removed */
    boolean removeTask(String projectId, String taskId);

    /** Ids of the tasks linked directly to the project or epic, in link order. */
    List<String> taskIds(String projectId);

    /** The projects and epics a task is linked to. */
    List<Project> projectsOfTask(String taskId);

    /** Progress of a project (with its epics' tasks) or of an epic. */
    ProjectProgress progress(String projectId);
}
