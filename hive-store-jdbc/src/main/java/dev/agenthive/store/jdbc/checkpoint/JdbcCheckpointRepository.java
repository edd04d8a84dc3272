package dev.agenthive.store.jdbc.checkpoint;

import dev.agenthive.api.Checks;
import dev.agenthive.api.checkpoint.Checkpoint;
import dev.agenthive.api.checkpoint.CheckpointRepository;
import dev.agenthive.api.checkpoint.CheckpointStatus;
import dev.agenthive.api.checkpoint.NewCheckpoint;
import dev.agenthive.api.error.InvalidInputException;
import dev.agenthive.api.error.NotFoundException;
import dev.agenthive.api.json.Json;
import dev.agenthive.store.jdbc.SqlExecutor;
import dev.agenthive.store.jdbc.JsonValidator;
import dev.agenthive.store.jdbc.project.ProjectMapper;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link CheckpointRepository} over SQL. A second checkpoint of the same name in a project is
 * refused by the unique index, so two concurrent creators cannot both succeed.
 */
public final class JdbcCheckpointRepository implements CheckpointRepository {
    private final SqlExecutor executor;
    private final JsonValidator jsonValidator;
    private final Clock clock;

    public JdbcCheckpointRepository(SqlExecutor executor, Clock clock, JsonValidator jsonValidator) {
        this.jsonValidator = Objects.requireNonNull(jsonValidator, "jsonValidator is null");
        this.executor = Objects.requireNonNull(executor, "executor is null");
        this.clock = Objects.requireNonNull(clock, "clock is null");
    }

    @Override
    public Checkpoint create(String id, NewCheckpoint checkpoint) {
        Checks.id(id, "checkpoint.id");
        Checks.notNull(checkpoint, "checkpoint");
        jsonValidator.requireValid(checkpoint.criteria(), "checkpoints_criteria_json");
        return executor.write(session -> {
            if (!session.getMapper(ProjectMapper.class).exists(checkpoint.projectId())) {
                throw new NotFoundException("project", checkpoint.projectId());
            }
            CheckpointMapper mapper = session.getMapper(CheckpointMapper.class);
            mapper.insert(id, checkpoint, clock.instant());
            return mapper.find(id);
        });
    }

    @Override
    public Optional<Checkpoint> find(String id) {
        Checks.id(id, "checkpoint.id");
        return executor.read(session -> Optional.ofNullable(session.getMapper(CheckpointMapper.class).find(id)));
    }

    @Override
    public Optional<Checkpoint> findByName(String projectId, String name) {
        Checks.id(projectId, "checkpoint.projectId");
        Checks.id(name, "checkpoint.name");
        return executor.read(session -> Optional.ofNullable(
                session.getMapper(CheckpointMapper.class).findByName(projectId, name)));
    }

    @Override
    public List<Checkpoint> listByProject(String projectId) {
        Checks.id(projectId, "checkpoint.projectId");
        return executor.read(session -> {
            if (!session.getMapper(ProjectMapper.class).exists(projectId)) {
                throw new NotFoundException("project", projectId);
            }
            return List.copyOf(session.getMapper(CheckpointMapper.class).listByProject(projectId));
        });
    }

    @Override
    public List<Checkpoint> listByStatus(CheckpointStatus status, int limit) {
        Checks.notNull(status, "checkpoint.status");
        Checks.between(limit, 1, MAX_LIMIT, "checkpoint.limit");
        return executor.read(session -> List.copyOf(session.getMapper(CheckpointMapper.class).listByStatus(status, limit)));
    }

    @Override
    public Checkpoint recordEvaluation(String id, CheckpointStatus status, Json result, Instant evaluatedAt) {
        Checks.id(id, "checkpoint.id");
        Checks.notNull(status, "checkpoint.status");
        if (status == CheckpointStatus.PENDING) {
            throw new InvalidInputException("checkpoint.status", "must be passed or failed after an evaluation");
        }
        Checks.notNull(result, "checkpoint.lastResult");
        jsonValidator.requireValid(result, "checkpoints_last_result_json");
        Checks.notNull(evaluatedAt, "checkpoint.evaluatedAt");
        return executor.write(session -> {
            CheckpointMapper mapper = session.getMapper(CheckpointMapper.class);
            if (mapper.recordEvaluation(id, status, result, evaluatedAt, clock.instant()) == 0) {
                throw new NotFoundException("checkpoint", id);
            }
            return mapper.find(id);
        });
    }
}
