package dev.agenthive.api.checkpoint;

import dev.agenthive.api.json.Json;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Driven port: the checkpoints of projects. The store keeps criteria and results as JSON objects;
 * what they mean is the core's business.
 */
public interface CheckpointRepository {
    /** Most checkpoints a list returns at once. */
    int MAX_LIMIT = 10_000;

    /**
     * Creates a checkpoint in {@link CheckpointStatus#PENDING}.
     *
     * @throws dev.agenthive.api.error.NotFoundException     the project does not exist
     * @throws dev.agenthive.api.error.ConflictException     {@code DUPLICATE} when the project already has a checkpoint of this name, or the id is taken
     * @throws dev.agenthive.api.error.InvalidInputException the criteria are not a JSON object
     */
    Checkpoint create(String id, NewCheckpoint checkpoint);

    Optional<Checkpoint> find(String id);

    /** The checkpoint of the project with this name. */
    Optional<Checkpoint> findByName(String projectId, String name);

    /**
     * Checkpoints of the project (not of its epics), oldest first.
     *
     * @throws dev.agenthive.api.error.NotFoundException no such project
     */
    List<Checkpoint> listByProject(String projectId);

    /**
     * Checkpoints in {@code status}, most recently evaluated first, then by id.
     *
     * @param limit 1..{@value #MAX_LIMIT}
     */
    List<Checkpoint> listByStatus(CheckpointStatus status, int limit);

    /**
     * Stores the outcome of an evaluation.
     *
     * @param status      {@link CheckpointStatus#PASSED} or {@link CheckpointStatus#FAILED}
     * @param result      the per-criterion outcome, a JSON object
     * @param evaluatedAt when the criteria were computed
     * @throws dev.agenthive.api.error.NotFoundException     no such checkpoint
     * @throws dev.agenthive.api.error.InvalidInputException {@code status} is {@code PENDING}, or the result is not a JSON object
     */
    Checkpoint recordEvaluation(String id, CheckpointStatus status, Json result, Instant evaluatedAt);
}
