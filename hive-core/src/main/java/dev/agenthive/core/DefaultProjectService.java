package dev.agenthive.core;

import dev.agenthive.api.Checks;
import dev.agenthive.api.error.NotFoundException;
import dev.agenthive.api.project.NewProject;
import dev.agenthive.api.project.Project;
import dev.agenthive.api.project.ProjectProgress;
import dev.agenthive.api.project.ProjectQuery;
import dev.agenthive.api.project.ProjectStatus;
import dev.agenthive.api.service.ProjectService;
import dev.agenthive.api.store.HiveStore;
import dev.agenthive.core.json.JsonCodec;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** {@link ProjectService} over a {@link HiveStore}; metadata is validated and normalised. */
final class DefaultProjectService implements ProjectService {
    private final HiveStore store;
    private final JsonCodec codec;
    private final IdGenerator ids;
    private final HotReads hot;

    DefaultProjectService(HiveStore store, JsonCodec codec, IdGenerator ids, HotReads hot) {
        this.hot = Objects.requireNonNull(hot, "hot is null");
        this.store = Objects.requireNonNull(store, "store is null");
        this.codec = Objects.requireNonNull(codec, "codec is null");
        this.ids = Objects.requireNonNull(ids, "ids is null");
    }

    @Override
    public Project create(NewProject project) {
        Checks.notNull(project, "project");
        NewProject normalised = new NewProject(project.name(), project.description(), project.kind(),
                project.parentId(), codec.normalize(project.metadata(), "project.metadata"));
        return store.projects().create(ids.next(), normalised);
    }

    @Override
    public Optional<Project> find(String projectId) {
        return store.projects().find(Checks.id(projectId, "project.id"));
    }

    @Override
    public Project get(String projectId) {
        return find(projectId).orElseThrow(() -> new NotFoundException("project", projectId));
    }

    @Override
    public List<Project> list(ProjectQuery query) {
        return store.projects().list(Checks.notNull(query, "projectQuery"));
    }

    @Override
    public Project setStatus(String projectId, ProjectStatus status) {
        return store.projects().updateStatus(Checks.id(projectId, "project.id"), Checks.notNull(status, "project.status"));
    }

    @Override
    public boolean addTask(String projectId, String taskId) {
        Checks.id(projectId, "project.id");
        Checks.id(taskId, "task.id");
        return HotReads.afterWrite(() -> store.projects().addTask(projectId, taskId),
                () -> hot.progress().invalidate(projectId));
    }

    @Override
    public boolean removeTask(String projectId, String taskId) {
        Checks.id(projectId, "project.id");
        Checks.id(taskId, "task.id");
        return HotReads.afterWrite(() -> store.projects().removeTask(projectId, taskId),
                () -> hot.progress().invalidate(projectId));
    }

    @Override
    public List<String> taskIds(String projectId) {
        return store.projects().taskIds(Checks.id(projectId, "project.id"));
    }

    @Override
    public List<Project> projectsOfTask(String taskId) {
        return store.projects().projectsOfTask(Checks.id(taskId, "task.id"));
    }

    @Override
    public ProjectProgress progress(String projectId) {
        Checks.id(projectId, "project.id");
        return hot.progress().read(projectId, () -> store.projects().progress(projectId));
    }
}
