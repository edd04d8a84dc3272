package dev.agenthive.api.service;

import dev.agenthive.api.snapshot.MemorySnapshot;
import dev.agenthive.api.snapshot.NewSnapshot;
import dev.agenthive.api.snapshot.PrunePolicy;
import dev.agenthive.api.snapshot.SnapshotStats;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Use cases of agents' memory snapshots. Content is normalised before it is hashed, so equal JSON
 * written differently is stored once. Pruning records one {@value #SNAPSHOT_PRUNED} event per
 * removed snapshot, and consolidation one {@value #SNAPSHOT_CONSOLIDATED} event, in the same
 * transaction as the change.
 */
public interface MemoryService {

    /** Event type recorded for each pruned snapshot (id, type, importance, size, hash). */
    String SNAPSHOT_PRUNED = "snapshot.pruned";
    /** Event type recorded when snapshots are consolidated into one. */
    String SNAPSHOT_CONSOLIDATED = "snapshot.consolidated";

    /** Stores a snapshot. */
    MemorySnapshot store(NewSnapshot snapshot);

    Optional<MemorySnapshot> find(String snapshotId);

    /** @throws dev.agenthive.api.error.NotFoundException no such snapshot */
    MemorySnapshot get(String snapshotId);

    /** The agent's snapshots, newest first; {@code memoryType} {@code null} for all types. */
    List<MemorySnapshot> list(String agentId, String memoryType, int limit);

    /** The agent's newest snapshot of the type. */
    Optional<MemorySnapshot> latest(String agentId, String memoryType);

    /** Removes what the policy does not keep. @return the removed snapshots, most important first */
    List<MemorySnapshot> prune(String agentId, PrunePolicy policy);

    /**
     * Replaces the agent's snapshots {@code snapshotIds} by the one {@code consolidation} makes of
     * them (given in the order of the ids), atomically.
     *
     * @throws dev.agenthive.api.error.NotFoundException     an id that is not a snapshot of the agent; nothing changed
     * @throws dev.agenthive.api.error.InvalidInputException the function returned {@code null} or another agent's snapshot
     */
    MemorySnapshot consolidate(String agentId, List<String> snapshotIds,
                               Function<List<MemorySnapshot>, NewSnapshot> consolidation);

    boolean delete(String snapshotId);

    SnapshotStats stats();
}
