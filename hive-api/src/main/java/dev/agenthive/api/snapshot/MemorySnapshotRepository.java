package dev.agenthive.api.snapshot;

import java.util.List;
import java.util.Optional;

/**
 * Driven port: memory snapshots with content-addressed content. The store computes the content
 * hash (SHA-256 over the UTF-8 text it is given) and keeps one copy per hash; a content that no
 * snapshot refers to any more is deleted in the same transaction as its last snapshot.
 */
public interface MemorySnapshotRepository {

    /** Largest page of {@link #list}. */
    int MAX_LIMIT = 10_000;

    /**
     * Stores a snapshot, sharing the content with equal earlier snapshots.
     *
     * @throws dev.agenthive.api.error.NotFoundException     the agent or the session does not exist
     * @throws dev.agenthive.api.error.InvalidInputException the session belongs to another agent, or the
     *                                                       content is not valid JSON
     * @throws dev.agenthive.api.error.ConflictException     {@code DUPLICATE}: the id is taken
     */
    MemorySnapshot store(String id, NewSnapshot snapshot);

    Optional<MemorySnapshot> find(String id);

    /**
     * The agent's snapshots, newest first (by creation, then id).
     *
     * @param memoryType only this type, or {@code null} for all
     * @param limit      1..{@value #MAX_LIMIT}
     */
    List<MemorySnapshot> list(String agentId, String memoryType, int limit);

    /** The agent's newest snapshot of this type. */
    Optional<MemorySnapshot> latest(String agentId, String memoryType);

    /**
     * Removes the agent's snapshots that the policy does not keep, atomically.
     *
     * @return the removed snapshots, in ranking order (most important first)
     */
    List<MemorySnapshot> prune(String agentId, PrunePolicy policy);

    /**
     * Replaces the agent's snapshots {@code ids} by one new snapshot, atomically: if any id does not
     * exist or belongs to another agent, nothing changes.
     *
     * @param ids         one or more distinct ids of the agent's snapshots
     * @param id          id of the new snapshot
     * @param replacement the new snapshot; it must be the same agent's
     * @return the new snapshot
     * @throws dev.agenthive.api.error.NotFoundException     an id that is not a snapshot of the agent
     * @throws dev.agenthive.api.error.InvalidInputException no ids, or the replacement is another agent's
     */
    MemorySnapshot replace(String agentId, List<String> ids, String id, NewSnapshot replacement);

    /** Deletes a snapshot (and its content if no other snapshot shares it). @return whether it existed */
    boolean delete(String id);

    /** Counts over every agent's snapshots. */
    SnapshotStats stats();
}
