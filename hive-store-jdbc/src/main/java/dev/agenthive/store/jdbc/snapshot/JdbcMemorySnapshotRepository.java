package dev.agenthive.store.jdbc.snapshot;

import dev.agenthive.api.Checks;
import dev.agenthive.api.error.InvalidInputException;
import dev.agenthive.api.error.NotFoundException;
import dev.agenthive.api.error.StorageUnavailableException;
import dev.agenthive.api.json.Json;
import dev.agenthive.api.session.ContextSession;
import dev.agenthive.api.snapshot.MemorySnapshot;
import dev.agenthive.api.snapshot.MemorySnapshotRepository;
import dev.agenthive.api.snapshot.NewSnapshot;
import dev.agenthive.api.snapshot.PrunePolicy;
import dev.agenthive.api.snapshot.SnapshotStats;
import dev.agenthive.store.jdbc.SqlExecutor;
import dev.agenthive.store.jdbc.JsonValidator;
import dev.agenthive.store.jdbc.agent.AgentMapper;
import dev.agenthive.store.jdbc.content.LargeContents;
import dev.agenthive.store.jdbc.session.ContextSessionMapper;
import org.apache.ibatis.session.SqlSession;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link MemorySnapshotRepository} over SQL. Snapshot rows name their content by hash; the content
 * itself goes through {@link SnapshotContents}. Every change that removes snapshots releases their
 * contents in the same transaction, so no unreferenced content survives it.
 */
public final class JdbcMemorySnapshotRepository implements MemorySnapshotRepository {
    private static final String ENTITY = "snapshot";

    private final SqlExecutor executor;
    private final JsonValidator jsonValidator;
    private final Clock clock;
    private final LargeContents contents;

    public JdbcMemorySnapshotRepository(SqlExecutor executor, Clock clock, LargeContents contents, JsonValidator jsonValidator) {
        this.jsonValidator = Objects.requireNonNull(jsonValidator, "jsonValidator is null");
        this.executor = Objects.requireNonNull(executor, "executor is null");
        this.clock = Objects.requireNonNull(clock, "clock is null");
        this.contents = Objects.requireNonNull(contents, "contents is null");
    }

    @Override
    public MemorySnapshot store(String id, NewSnapshot snapshot) {
        Checks.id(id, "snapshot.id");
        Checks.notNull(snapshot, "snapshot");
        jsonValidator.requireValid(snapshot.content(), "memory_snapshot_contents_content_json");
        LargeContents.Placed content = contents.place(snapshot.content());
        return executor.write(session -> insert(session, id, snapshot, content));
    }

    @Override
    public Optional<MemorySnapshot> find(String id) {
        Checks.id(id, "snapshot.id");
        return executor.read(session -> Optional.ofNullable(session.getMapper(SnapshotMapper.class).find(id))
                .map(row -> withContents(session, List.of(row), contents, Map.of()).get(0)));
    }

    @Override
    public List<MemorySnapshot> list(String agentId, String memoryType, int limit) {
        Checks.id(agentId, "snapshot.agentId");
        Checks.optionalId(memoryType, "snapshot.memoryType");
        Checks.between(limit, 1, MAX_LIMIT, "snapshot.limit");
        return executor.read(session -> withContents(session,
                session.getMapper(SnapshotMapper.class).list(agentId, memoryType, limit), contents, Map.of()));
    }

    @Override
    public Optional<MemorySnapshot> latest(String agentId, String memoryType) {
        Checks.id(agentId, "snapshot.agentId");
        Checks.id(memoryType, "snapshot.memoryType");
        return list(agentId, memoryType, 1).stream().findFirst();
    }

    @Override
    public List<MemorySnapshot> prune(String agentId, PrunePolicy policy) {
        Checks.id(agentId, "snapshot.agentId");
        Checks.notNull(policy, "prune");
        return executor.write(session -> {
            List<SnapshotRow> ranking = session.getMapper(SnapshotMapper.class).ranking(agentId);
            int kept = 0;
            long keptBytes = 0;
            while (kept < ranking.size()
                    && (policy.keep() == null || kept < policy.keep())
                    && (policy.maxBytes() == null || keptBytes + ranking.get(kept).sizeBytes() <= policy.maxBytes())) {
                keptBytes += ranking.get(kept).sizeBytes();
                kept++;
            }
            List<SnapshotRow> removed = ranking.subList(kept, ranking.size());
            if (removed.isEmpty()) {
                return List.<MemorySnapshot>of();
            }
            List<MemorySnapshot> snapshots = withContents(session, removed, contents, Map.of());
            remove(session, removed);
            return snapshots;
        });
    }

    @Override
    public MemorySnapshot replace(String agentId, List<String> ids, String id, NewSnapshot replacement) {
        Checks.id(agentId, "snapshot.agentId");
        Checks.notNull(ids, "snapshot.ids");
        List<String> replaced = Checks.idList(ids, "snapshot.ids");
        if (replaced.isEmpty()) {
            throw new InvalidInputException("snapshot.ids", "must name at least one snapshot");
        }
        if (replacement != null) {
            jsonValidator.requireValid(replacement.content(), "memory_snapshot_contents_content_json");
        }
        Checks.id(id, "snapshot.id");
        Checks.notNull(replacement, "snapshot");
        if (!replacement.agentId().equals(agentId)) {
            throw new InvalidInputException("snapshot.agentId", "must be the agent of the replaced snapshots, '"
                    + agentId + "', was '" + replacement.agentId() + "'");
        }
        LargeContents.Placed content = contents.place(replacement.content());
        return executor.write(session -> {
            SnapshotMapper mapper = session.getMapper(SnapshotMapper.class);
            Map<String, SnapshotRow> found = new HashMap<>();
            for (List<String> chunk : SnapshotContents.chunks(replaced)) {
                mapper.findAll(chunk).forEach(row -> found.put(row.id(), row));
            }
            List<SnapshotRow> rows = new ArrayList<>(replaced.size());
            for (String old : replaced) {
                SnapshotRow row = found.get(old);
                // Another agent's snapshot is not one of this agent's: the same answer as a missing one.
                if (row == null || !row.agentId().equals(agentId)) {
                    throw new NotFoundException(ENTITY, old);
                }
                rows.add(row);
            }
            MemorySnapshot created = insert(session, id, replacement, content);
            remove(session, rows);
            return created;
        });
    }

    @Override
    public boolean delete(String id) {
        Checks.id(id, "snapshot.id");
        return executor.write(session -> {
            SnapshotRow row = session.getMapper(SnapshotMapper.class).find(id);
            if (row == null) {
                return false;
            }
            remove(session, List.of(row));
            return true;
        });
    }

    @Override
    public SnapshotStats stats() {
        return executor.read(session -> session.getMapper(SnapshotMapper.class).stats());
    }

    private MemorySnapshot insert(SqlSession session, String id, NewSnapshot snapshot, LargeContents.Placed content) {
        if (!session.getMapper(AgentMapper.class).exists(snapshot.agentId())) {
            throw new NotFoundException("agent", snapshot.agentId());
        }
        if (snapshot.sessionId() != null) {
            ContextSession owner = session.getMapper(ContextSessionMapper.class).find(snapshot.sessionId());
            if (owner == null) {
                throw new NotFoundException("session", snapshot.sessionId());
            }
            if (!owner.agentId().equals(snapshot.agentId())) {
                throw new InvalidInputException("snapshot.sessionId", "must be a session of agent '"
                        + snapshot.agentId() + "', but belongs to '" + owner.agentId() + "'");
            }
        }
        Instant now = clock.instant();
        SnapshotContents.put(session, content, now);
        SnapshotMapper mapper = session.getMapper(SnapshotMapper.class);
        mapper.insert(new SnapshotRow(id, snapshot.agentId(), snapshot.sessionId(), snapshot.memoryType(),
                snapshot.importance(), content.hash(), content.sizeBytes(), now));
        // Read back, so the caller sees exactly what later reads will; a blob's content is the one given,
        // byte for byte, and is not read again while the transaction (on SQLite the one writer) waits.
        Map<String, Json> known = content.storedSize() == null ? Map.of() : Map.of(content.hash(), snapshot.content());
        return withContents(session, List.of(mapper.find(id)), contents, known).get(0);
    }

    /** Deletes the rows, then every content of theirs no other snapshot shares. */
    private static void remove(SqlSession session, List<SnapshotRow> rows) {
        SnapshotMapper mapper = session.getMapper(SnapshotMapper.class);
        for (List<String> chunk : SnapshotContents.chunks(rows.stream().map(SnapshotRow::id).toList())) {
            mapper.deleteAll(chunk);
        }
        SnapshotContents.release(session, rows.stream().map(SnapshotRow::contentHash).toList());
    }

    /** @param known contents in the blob store that need not be read from it, by hash */
    private static List<MemorySnapshot> withContents(SqlSession session, List<SnapshotRow> rows,
                                                     LargeContents placement, Map<String, Json> known) {
        if (rows.isEmpty()) {
            return List.of();
        }
        Map<String, StoredContent> contents = SnapshotContents.load(session,
                rows.stream().map(SnapshotRow::contentHash).toList());
        // several rows may share one content: each blob is read once
        Map<String, Json> loaded = new HashMap<>(known);
        List<MemorySnapshot> snapshots = new ArrayList<>(rows.size());
        for (SnapshotRow row : rows) {
            StoredContent content = contents.get(row.contentHash());
            if (content == null) {
                // The foreign key forbids this; reaching it means the file was changed behind the store's back.
                throw new StorageUnavailableException("snapshot '" + row.id() + "' refers to missing content "
                        + row.contentHash(), null);
            }
            if (content.inBlobStore()) {
                content = content.withContent(loaded.computeIfAbsent(content.contentHash(),
                        hash -> placement.load(hash, "snapshot '" + row.id() + "'")));
            }
            snapshots.add(row.toSnapshot(content));
        }
        return List.copyOf(snapshots);
    }
}
