package dev.agenthive.api.service;

import dev.agenthive.api.checkpoint.Checkpoint;
import dev.agenthive.api.checkpoint.NewCheckpoint;

import java.util.List;
import java.util.Optional;

/**
 * Use cases of checkpoints: quality gates and milestones of a project, evaluated on demand.
 *
 * <h2>Criteria</h2>
 * A JSON object with one key, {@code "all"}, holding a non-empty array of criteria; the checkpoint
 * passes when every criterion holds:
 * <pre>
 * {"all": [
 *   {"type": "metric", "name": "test.coverage", "aggregate": "avg", "op": "&gt;=", "value": 0.8,
 *    "window": "PT24H", "agentId": null, "taskId": null},
 *   {"type": "tasks_completed", "projectId": "01J..."}
 * ]}
 * </pre>
 * <ul>
 *   <li>{@code metric}: the aggregate ({@code count}, {@code min}, {@code max}, {@code avg},
 *       {@code p50} or {@code p95}) of the metric {@code name} over the samples recorded in the
 *       last {@code window} (an ISO-8601 duration, e.g. {@code PT24H}; window end = evaluation
 *       time, exclusive), optionally of one {@code agentId} or {@code taskId}, compared with
 *       {@code op} ({@code <}, {@code <=}, {@code >}, {@code >=}, {@code ==}, {@code !=}) against the
 *       number {@code value}. Without samples in the window every aggregate but {@code count} is
 *       missing and the criterion fails.</li>
 *   <li>{@code tasks_completed}: every task of the project or epic {@code projectId} (default: the
 *       checkpoint's own project; a project includes its epics' tasks) that is not cancelled is
 *       completed, and there is at least one such task.</li>
 * </ul>
 * Any other key, type, aggregate or operator, a missing field or a field of the wrong JSON type is
 * rejected at creation with an {@link dev.agenthive.api.error.InvalidInputException} naming
 * {@code checkpoint.criteria} and the rule.
 *
 * <h2>Result</h2>
 * Evaluation stores {@code {"passed": bool, "criteria": [...]}} with one object per criterion, in
 * order: the criterion's own fields, {@code "passed"}, and what was found ({@code "actual"} and
 * {@code "count"} for a metric; {@code "total"}, {@code "completed"} and {@code "cancelled"} for
 * tasks), plus {@code "reason"} when it failed for lack of data.
 */
public interface CheckpointService {

    /**
     * Creates a checkpoint in {@code PENDING}.
     *
     * @throws dev.agenthive.api.error.InvalidInputException the criteria are malformed (field {@code checkpoint.criteria})
     * @throws dev.agenthive.api.error.NotFoundException     the project, or a project a criterion names, does not exist
     * @throws dev.agenthive.api.error.ConflictException     {@code DUPLICATE} when the project has a checkpoint of that name
     */
    Checkpoint create(NewCheckpoint checkpoint);

    Optional<Checkpoint> find(String checkpointId);

    /** @throws dev.agenthive.api.error.NotFoundException no such checkpoint */
    Checkpoint get(String checkpointId);

    /** Checkpoints of the project, oldest first. */
    List<Checkpoint> list(String projectId);

    /**
     * Computes every criterion now and stores {@code PASSED} or {@code FAILED} with the
     * per-criterion result and the evaluation time, and appends a {@code checkpoint.passed} (info)
     * or {@code checkpoint.failed} (warning) event, all in one transaction.
     *
     * @return the checkpoint as stored after the evaluation
     * @throws dev.agenthive.api.error.NotFoundException no such checkpoint
     */
    Checkpoint evaluate(String checkpointId);

    /** Checkpoints whose latest evaluation failed, most recent first, at most {@code limit}. */
    List<Checkpoint> failing(int limit);
}
