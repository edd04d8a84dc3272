package dev.agenthive.core;

import dev.agenthive.api.Checks;
import dev.agenthive.api.error.InvalidInputException;
import dev.agenthive.api.error.NotFoundException;
import dev.agenthive.api.event.Event;
import dev.agenthive.api.event.Severity;
import dev.agenthive.api.service.MemoryService;
import dev.agenthive.api.snapshot.MemorySnapshot;
import dev.agenthive.api.snapshot.MemorySnapshotRepository;
import dev.agenthive.api.snapshot.NewSnapshot;
import dev.agenthive.api.snapshot.PrunePolicy;
import dev.agenthive.api.snapshot.SnapshotStats;
import dev.agenthive.api.store.HiveStore;
import dev.agenthive.core.json.JsonCodec;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * {@link MemoryService} over a {@link HiveStore}. Content is normalised with the {@link JsonCodec}
 * before the store hashes it, which makes the hash one of the canonical text. A consolidation
 * function runs once, outside the store's transaction (it may be slow, and a transaction may be
 * retried); the transaction then replaces exactly the snapshots it was given, or nothing if any
 * of them has gone meanwhile.
 */
final class DefaultMemoryService implements MemoryService {
    private final HiveStore store;
    private final JsonCodec codec;
    private final IdGenerator ids;
    private final SystemEvents events;

    /** Wires the service. */
    DefaultMemoryService(HiveStore store, JsonCodec codec, IdGenerator ids, Clock clock) {
        this.store = Objects.requireNonNull(store, "store is null");
        this.codec = Objects.requireNonNull(codec, "codec is null");
        this.ids = Objects.requireNonNull(ids, "ids is null");
        this.events = new SystemEvents(ids, clock, codec);
    }

    @Override
    public MemorySnapshot store(NewSnapshot snapshot) {
        Checks.notNull(snapshot, "snapshot");
        return store.snapshots().store(ids.next(), normalised(snapshot, "snapshot.content"));
    }

    @Override
    public Optional<MemorySnapshot> find(String snapshotId) {
        return store.snapshots().find(Checks.id(snapshotId, "snapshot.id"));
    }

    @Override
    public MemorySnapshot get(String snapshotId) {
        return find(snapshotId).orElseThrow(() -> new NotFoundException("snapshot", snapshotId));
    }

    @Override
    public List<MemorySnapshot> list(String agentId, String memoryType, int limit) {
        return store.snapshots().list(agentId, memoryType, limit);
    }

    @Override
    public Optional<MemorySnapshot> latest(String agentId, String memoryType) {
        return store.snapshots().latest(agentId, memoryType);
    }

    @Override
    public List<MemorySnapshot> prune(String agentId, PrunePolicy policy) {
        Checks.id(agentId, "snapshot.agentId");
        Checks.notNull(policy, "prune");
        String correlationId = ids.next();
        return store.inTransaction(tx -> {
            List<MemorySnapshot> removed = tx.snapshots().prune(agentId, policy);
            if (!removed.isEmpty()) {
                List<Event> audit = new ArrayList<>(removed.size());
                for (MemorySnapshot snapshot : removed) {
                    Map<String, Object> details = new LinkedHashMap<>();
                    details.put("id", snapshot.id());
                    details.put("memoryType", snapshot.memoryType());
                    details.put("importance", snapshot.importance());
                    details.put("sizeBytes", snapshot.sizeBytes());
                    details.put("contentHash", snapshot.contentHash());
                    details.put("sessionId", snapshot.sessionId());
                    audit.add(events.create(SNAPSHOT_PRUNED, Severity.INFO, agentId, correlationId, details));
                }
                tx.events().append(audit);
            }
            return removed;
        });
    }

    @Override
    public MemorySnapshot consolidate(String agentId, List<String> snapshotIds,
                                      Function<List<MemorySnapshot>, NewSnapshot> consolidation) {
        Checks.id(agentId, "snapshot.agentId");
        List<String> replaced = Checks.idList(Checks.notNull(snapshotIds, "snapshot.ids"), "snapshot.ids");
        if (replaced.isEmpty()) {
            throw new InvalidInputException("snapshot.ids", "must name at least one snapshot");
        }
        Checks.notNull(consolidation, "consolidation");
        MemorySnapshotRepository snapshots = store.snapshots();
        List<MemorySnapshot> inputs = new ArrayList<>(replaced.size());
        for (String id : replaced) {
            MemorySnapshot snapshot = snapshots.find(id)
                    .filter(found -> found.agentId().equals(agentId))
                    .orElseThrow(() -> new NotFoundException("snapshot", id));
            inputs.add(snapshot);
        }
        NewSnapshot produced = consolidation.apply(List.copyOf(inputs));
        if (produced == null) {
            throw new InvalidInputException("consolidation", "must return a snapshot, returned null");
        }
        if (!produced.agentId().equals(agentId)) {
            throw new InvalidInputException("snapshot.agentId", "must be the agent of the consolidated snapshots, '"
                    + agentId + "', was '" + produced.agentId() + "'");
        }
        NewSnapshot replacement = normalised(produced, "snapshot.content");
        String id = ids.next();
        return store.inTransaction(tx -> {
            MemorySnapshot created = tx.snapshots().replace(agentId, replaced, id, replacement);
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("id", created.id());
            details.put("replaced", codec.stringArray(replaced));
            details.put("sizeBytes", created.sizeBytes());
            details.put("contentHash", created.contentHash());
            tx.events().append(List.of(events.create(SNAPSHOT_CONSOLIDATED, Severity.INFO, agentId, created.id(), details)));
            return created;
        });
    }

    @Override
    public boolean delete(String snapshotId) {
        return store.snapshots().delete(Checks.id(snapshotId, "snapshot.id"));
    }

    @Override
    public SnapshotStats stats() {
        return store.snapshots().stats();
    }

    private NewSnapshot normalised(NewSnapshot snapshot, String field) {
        return snapshot.withContent(codec.normalize(snapshot.content(), field));
    }
}
