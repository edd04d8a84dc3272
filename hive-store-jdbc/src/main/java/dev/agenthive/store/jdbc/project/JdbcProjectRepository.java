package dev.agenthive.store.jdbc.project;

import dev.agenthive.api.Checks;
import dev.agenthive.api.error.InvalidInputException;
import dev.agenthive.api.error.InvalidStateTransitionException;
import dev.agenthive.api.error.NotFoundException;
import dev.agenthive.api.project.NewProject;
import dev.agenthive.api.project.Project;
import dev.agenthive.api.project.ProjectKind;
import dev.agenthive.api.project.ProjectProgress;
import dev.agenthive.api.project.ProjectQuery;
import dev.agenthive.api.project.ProjectRepository;
import dev.agenthive.api.project.ProjectStatus;
import dev.agenthive.api.task.TaskStatus;
import dev.agenthive.store.jdbc.KeyCount;
import dev.agenthive.store.jdbc.JsonValidator;
import dev.agenthive.store.jdbc.SqlExecutor;

import java.time.Clock;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link ProjectRepository} over SQL. The schema's CHECK keeps a project parentless and an epic
 * parented; that the parent is a project is checked here, in the creating transaction. Links are
 * inserted with {@code ON CONFLICT DO NOTHING}, so adding a task twice is one row and no error.
 */
public final class JdbcProjectRepository implements ProjectRepository {
    private static final String ENTITY = "project";

    private final SqlExecutor executor;
    private final JsonValidator jsonValidator;
    private final Clock clock;

    public JdbcProjectRepository(SqlExecutor executor, Clock clock, JsonValidator jsonValidator) {
        this.jsonValidator = Objects.requireNonNull(jsonValidator, "jsonValidator is null");
        this.executor = Objects.requireNonNull(executor, "executor is null");
        this.clock = Objects.requireNonNull(clock, "clock is null");
    }

    @Override
    public Project create(String id, NewProject project) {
        Checks.id(id, "project.id");
        Checks.notNull(project, "project");
        jsonValidator.requireValid(project.metadata(), "projects_metadata_json");
        return executor.write(session -> {
            ProjectMapper mapper = session.getMapper(ProjectMapper.class);
            if (project.parentId() != null) {
                Project parent = mapper.find(project.parentId());
                if (parent == null) {
                    throw new NotFoundException(ENTITY, project.parentId());
                }
                if (parent.kind() != ProjectKind.PROJECT) {
                    throw new InvalidInputException("project.parentId",
                            "must be a project, '" + parent.id() + "' is an epic");
                }
            }
            mapper.insert(id, project, clock.instant());
            return mapper.find(id);
        });
    }

    @Override
    public Optional<Project> find(String id) {
        Checks.id(id, "project.id");
        return executor.read(session -> Optional.ofNullable(session.getMapper(ProjectMapper.class).find(id)));
    }

    @Override
    public List<Project> list(ProjectQuery query) {
        Checks.notNull(query, "projectQuery");
        return executor.read(session -> List.copyOf(session.getMapper(ProjectMapper.class)
                .list(query.kind(), query.status(), query.parentId(), query.limit())));
    }

    @Override
    public Project updateStatus(String id, ProjectStatus status) {
        Checks.id(id, "project.id");
        Checks.notNull(status, "project.status");
        return executor.write(session -> {
            ProjectMapper mapper = session.getMapper(ProjectMapper.class);
            if (mapper.updateStatus(id, status, ProjectStatus.allowedSources(status), clock.instant()) == 0) {
                Project current = mapper.find(id);
                if (current == null) {
                    throw new NotFoundException(ENTITY, id);
                }
                throw new InvalidStateTransitionException(ENTITY, id, current.status().dbValue(), status.dbValue());
            }
            return mapper.find(id);
        });
    }

    @Override
    public boolean addTask(String projectId, String taskId) {
        Checks.id(projectId, "project.id");
        Checks.id(taskId, "task.id");
        return executor.write(session -> {
            ProjectMapper mapper = session.getMapper(ProjectMapper.class);
            requireProjectAndTask(mapper, projectId, taskId);
            return mapper.link(projectId, taskId, clock.instant()) == 1;
        });
    }

    @Override
    public boolean removeTask(String projectId, String taskId) {
        Checks.id(projectId, "project.id");
        Checks.id(taskId, "task.id");
        return executor.write(session -> {
            ProjectMapper mapper = session.getMapper(ProjectMapper.class);
            requireProjectAndTask(mapper, projectId, taskId);
            return mapper.unlink(projectId, taskId) == 1;
        });
    }

    @Override
    public List<String> taskIds(String projectId) {
        Checks.id(projectId, "project.id");
        return executor.read(session -> {
            ProjectMapper mapper = session.getMapper(ProjectMapper.class);
            requireProject(mapper, projectId);
            return List.copyOf(mapper.taskIds(projectId));
        });
    }

    @Override
    public List<Project> projectsOfTask(String taskId) {
        Checks.id(taskId, "task.id");
        return executor.read(session -> {
            ProjectMapper mapper = session.getMapper(ProjectMapper.class);
            if (!mapper.taskExists(taskId)) {
                throw new NotFoundException("task", taskId);
            }
            return List.copyOf(mapper.projectsOfTask(taskId));
        });
    }

    @Override
    public ProjectProgress progress(String projectId) {
        Checks.id(projectId, "project.id");
        List<KeyCount> rows = executor.read(session -> {
            ProjectMapper mapper = session.getMapper(ProjectMapper.class);
            requireProject(mapper, projectId);
            return mapper.progress(projectId);
        });
        Map<TaskStatus, Long> counts = new EnumMap<>(TaskStatus.class);
        rows.forEach(row -> counts.put(TaskStatus.parse(row.key()), row.count()));
        return ProjectProgress.of(projectId, counts);
    }

    private static void requireProject(ProjectMapper mapper, String projectId) {
        if (!mapper.exists(projectId)) {
            throw new NotFoundException(ENTITY, projectId);
        }
    }

    private static void requireProjectAndTask(ProjectMapper mapper, String projectId, String taskId) {
        requireProject(mapper, projectId);
        if (!mapper.taskExists(taskId)) {
            throw new NotFoundException("task", taskId);
        }
    }
}
