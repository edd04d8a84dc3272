package dev.agenthive.core;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agenthive.api.Checks;
import dev.agenthive.api.checkpoint.Checkpoint;
import dev.agenthive.api.checkpoint.CheckpointStatus;
import dev.agenthive.api.checkpoint.NewCheckpoint;
import dev.agenthive.api.error.InvalidInputException;
import dev.agenthive.api.error.NotFoundException;
import dev.agenthive.api.event.Severity;
import dev.agenthive.api.json.Json;
import dev.agenthive.api.metric.MetricAggregate;
import dev.agenthive.api.metric.MetricQuery;
import dev.agenthive.api.project.ProjectProgress;
import dev.agenthive.api.service.CheckpointService;
import dev.agenthive.api.store.HiveStore;
import dev.agenthive.api.task.TaskStatus;
import dev.agenthive.core.json.JsonCodec;
import dev.agenthive.core.CheckpointCriteria.Criterion;
import dev.agenthive.core.CheckpointCriteria.MetricThreshold;
import dev.agenthive.core.CheckpointCriteria.TasksCompleted;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link CheckpointService} over a {@link HiveStore}. Criteria are validated and parsed at
 * creation; an evaluation reads the metrics and progress it needs, stores the outcome and appends
 * its event inside one transaction, so the stored status and the event never disagree.
 */
final class DefaultCheckpointService implements CheckpointService {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final HiveStore store;
    private final JsonCodec codec;
    private final IdGenerator ids;
    private final Clock clock;
    private final SystemEvents events;

    DefaultCheckpointService(HiveStore store, JsonCodec codec, IdGenerator ids, Clock clock) {
        this.store = Objects.requireNonNull(store, "store is null");
        this.codec = Objects.requireNonNull(codec, "codec is null");
        this.ids = Objects.requireNonNull(ids, "ids is null");
        this.clock = Objects.requireNonNull(clock, "clock is null");
        this.events = new SystemEvents(ids, clock, codec);
    }

    @Override
    public Checkpoint create(NewCheckpoint checkpoint) {
        Checks.notNull(checkpoint, "checkpoint");
        Json criteria = codec.normalize(checkpoint.criteria(), CheckpointCriteria.FIELD);
        CheckpointCriteria parsed = parse(criteria);
        for (Criterion criterion : parsed.all()) {
            if (criterion instanceof TasksCompleted tasks && tasks.projectId() != null
                    && store.projects().find(tasks.projectId()).isEmpty()) {
                throw new NotFoundException("project", tasks.projectId());
            }
        }
        return store.checkpoints().create(ids.next(),
                new NewCheckpoint(checkpoint.projectId(), checkpoint.name(), checkpoint.kind(), criteria));
    }

    @Override
    public Optional<Checkpoint> find(String checkpointId) {
        return store.checkpoints().find(Checks.id(checkpointId, "checkpoint.id"));
    }

    @Override
    public Checkpoint get(String checkpointId) {
        return find(checkpointId).orElseThrow(() -> new NotFoundException("checkpoint", checkpointId));
    }

    @Override
    public List<Checkpoint> list(String projectId) {
        return store.checkpoints().listByProject(Checks.id(projectId, "checkpoint.projectId"));
    }

    @Override
    public Checkpoint evaluate(String checkpointId) {
        Checks.id(checkpointId, "checkpoint.id");
        return store.inTransaction(tx -> {
            Checkpoint checkpoint = tx.checkpoints().find(checkpointId)
                    .orElseThrow(() -> new NotFoundException("checkpoint", checkpointId));
            CheckpointCriteria criteria = parse(checkpoint.criteria());
            Instant now = clock.instant();
            ArrayNode outcomes = MAPPER.createArrayNode();
            boolean passed = true;
            for (Criterion criterion : criteria.all()) {
                ObjectNode outcome = criterion instanceof MetricThreshold metric
                        ? evaluate(tx, metric, now)
                        : evaluate(tx, (TasksCompleted) criterion, checkpoint.projectId());
                passed &= outcome.get("passed").asBoolean();
                outcomes.add(outcome);
            }
            ObjectNode result = MAPPER.createObjectNode();
            result.put("passed", passed);
            result.set("criteria", outcomes);
            Json resultJson = new Json(result.toString());
            Checkpoint stored = tx.checkpoints().recordEvaluation(checkpointId,
                    passed ? CheckpointStatus.PASSED : CheckpointStatus.FAILED, resultJson, now);
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("checkpointId", stored.id());
            details.put("projectId", stored.projectId());
            details.put("name", stored.name());
            details.put("kind", stored.kind().dbValue());
            details.put("result", resultJson);
            tx.events().append(List.of(events.create(
                    passed ? SystemEvents.CHECKPOINT_PASSED : SystemEvents.CHECKPOINT_FAILED,
                    passed ? Severity.INFO : Severity.WARNING, null, stored.id(), details)));
            return stored;
        });
    }

    @Override
    public List<Checkpoint> failing(int limit) {
        return store.checkpoints().listByStatus(CheckpointStatus.FAILED, limit);
    }

    private static ObjectNode evaluate(HiveStore tx, MetricThreshold metric, Instant now) {
        MetricAggregate aggregate = tx.metrics().aggregate(
                new MetricQuery(metric.name(), now.minus(metric.window()), now, metric.agentId(), metric.taskId()));
        Double actual = metric.aggregate().of(aggregate);
        ObjectNode outcome = MAPPER.createObjectNode();
        outcome.put("type", "metric");
        outcome.put("name", metric.name());
        outcome.put("aggregate", metric.aggregate().key());
        outcome.put("op", metric.op().symbol());
        outcome.put("value", metric.value());
        outcome.put("window", metric.window().toString());
        outcome.put("agentId", metric.agentId());
        outcome.put("taskId", metric.taskId());
        outcome.put("count", aggregate.count());
        if (actual == null) {
            outcome.putNull("actual");
            outcome.put("passed", false);
            outcome.put("reason", "no samples in the window");
        } else {
            outcome.put("actual", actual);
            outcome.put("passed", metric.op().test(actual, metric.value()));
        }
        return outcome;
    }

    private static ObjectNode evaluate(HiveStore tx, TasksCompleted tasks, String ownProject) {
        String projectId = tasks.projectId() != null ? tasks.projectId() : ownProject;
        ProjectProgress progress = tx.projects().progress(projectId);
        long cancelled = progress.count(TaskStatus.CANCELLED);
        long counted = progress.total() - cancelled;
        ObjectNode outcome = MAPPER.createObjectNode();
        outcome.put("type", "tasks_completed");
        outcome.put("projectId", projectId);
        outcome.put("total", progress.total());
        outcome.put("completed", progress.completed());
        outcome.put("cancelled", cancelled);
        outcome.put("passed", counted > 0 && progress.completed() == counted);
        if (counted == 0) {
            outcome.put("reason", "no tasks to complete");
        }
        return outcome;
    }

    private static CheckpointCriteria parse(Json criteria) {
        JsonNode root;
        try {
            root = MAPPER.readTree(criteria.text());
        } catch (JsonProcessingException e) {
            throw new InvalidInputException(CheckpointCriteria.FIELD, "must be valid JSON", e);
        }
        return CheckpointCriteria.parse(root);
    }
}
