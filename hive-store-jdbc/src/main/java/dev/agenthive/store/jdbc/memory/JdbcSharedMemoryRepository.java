package dev.agenthive.store.jdbc.memory;

import dev.agenthive.store.jdbc.ContainmentFilter;
import dev.agenthive.store.jdbc.JsonValidator;
import dev.agenthive.api.Checks;
import dev.agenthive.api.json.Json;
import dev.agenthive.api.error.ConflictException;
import dev.agenthive.api.error.ErrorCode;
import dev.agenthive.api.error.InvalidInputException;
import dev.agenthive.api.memory.MemoryAccess;
import dev.agenthive.api.memory.MemoryEntry;
import dev.agenthive.api.memory.MemoryQuery;
import dev.agenthive.api.memory.MemoryWrite;
import dev.agenthive.api.memory.SharedMemoryRepository;
import dev.agenthive.store.jdbc.SqlExecutor;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.Optional;

/**
 * {@link SharedMemoryRepository} over SQL. A put is one statement that decides on the row it locks:
 * an upsert, or for a compare-and-set an UPDATE guarded by the expected version, so a compare-and-set
 * can never overwrite a newer value.
 * Expired rows are invisible to every read and count as absent for writes.
 */
public final class JdbcSharedMemoryRepository implements SharedMemoryRepository {
    private final SqlExecutor executor;
    private final JsonValidator jsonValidator;
    private final Clock clock;
    private final ContainmentFilter containment;

    public JdbcSharedMemoryRepository(SqlExecutor executor, Clock clock, ContainmentFilter containment, JsonValidator jsonValidator) {
        this.jsonValidator = Objects.requireNonNull(jsonValidator, "jsonValidator is null");
        this.executor = Objects.requireNonNull(executor, "executor is null");
        this.clock = Objects.requireNonNull(clock, "clock is null");
        this.containment = Objects.requireNonNull(containment, "containment is null");
    }

    @Override
    public Optional<MemoryEntry> get(String namespace, String key) {
        Checks.id(namespace, "memory.namespace");
        Checks.id(key, "memory.key");
        return executor.readStatement(session -> Optional.ofNullable(
                session.getMapper(SharedMemoryMapper.class).findLive(namespace, key, clock.instant()))
                .map(MemoryRow::toEntry));
    }

    @Override
    public MemoryEntry put(MemoryWrite write) {
        Checks.notNull(write, "memory");
        jsonValidator.requireValid(write.value(), "shared_memory_value_json");
        jsonValidator.requireValid(write.metadata(), "shared_memory_metadata_json");
        long sizeBytes = write.value().text().getBytes(StandardCharsets.UTF_8).length;
        // One guarded statement per write (see SharedMemoryMapper.xml), so row locks suffice.
        return executor.writeWithRowLocks(session -> {
            SharedMemoryMapper mapper = session.getMapper(SharedMemoryMapper.class);
            Instant now = clock.instant();
            Instant expiresAt = write.timeToLive() == null ? null : now.plus(write.timeToLive());
            Long expected = write.expectedVersion();
            MemoryRow stored = expected == null || expected == 0
                    ? mapper.upsert(write, sizeBytes, expiresAt, expected != null, now)
                    : mapper.update(write, sizeBytes, expiresAt, expected, now);
            if (stored == null) {
                MemoryRow current = mapper.findLive(write.namespace(), write.key(), now);
                throw mismatch(write.namespace(), write.key(), expected, current == null ? 0 : current.version());
            }
            return stored.toEntry();
        });
    }

    @Override
    public boolean delete(String namespace, String key, Long expectedVersion) {
        Checks.id(namespace, "memory.namespace");
        Checks.id(key, "memory.key");
        if (expectedVersion != null && expectedVersion < 0) {
            throw new InvalidInputException("memory.expectedVersion",
                    "must be 0 (absent) or a positive version, was " + expectedVersion);
        }
        return executor.write(session -> {
            SharedMemoryMapper mapper = session.getMapper(SharedMemoryMapper.class);
            Instant now = clock.instant();
            MemoryRow current = mapper.find(namespace, key);
            boolean live = current != null && current.liveAt(now);
            long found = live ? current.version() : 0;
            if (expectedVersion != null && found != expectedVersion) {
                throw mismatch(namespace, key, expectedVersion, found);
            }
            if (current == null) {
                return false;
            }
            // An expired row is removed as well, but it was already gone for every reader.
            return mapper.delete(namespace, key, current.version()) == 1 && live;
        });
    }

    @Override
    public List<MemoryEntry> list(MemoryQuery query) {
        Checks.notNull(query, "memoryQuery");
        jsonValidator.requireValidArgument(query.metadataContains(), "memory.metadataContains");
        String below = KeyRange.successor(query.prefix());
        Predicate<Json> metadata = containment.containing(query.metadataContains());
        Instant now = clock.instant();
        return executor.read(session -> {
            SharedMemoryMapper mapper = session.getMapper(SharedMemoryMapper.class);
            return ContainmentFilter.read(query.limit(), query.afterKey(),
                    (afterKey, limit) -> mapper.list(query.namespace(), query.prefix(), below,
                            query.metadataContains(), afterKey, now, limit),
                    MemoryRow::key, row -> metadata.test(row.metadata()));
        }).stream().map(MemoryRow::toEntry).toList();
    }

    @Override
    public void recordAccess(Collection<MemoryAccess> accesses) {
        Checks.notNull(accesses, "accesses");
        // Sorted, so that flushes of several processes lock the rows in one order.
        List<MemoryAccess> copy = accesses.stream()
                .sorted(Comparator.comparing(MemoryAccess::namespace).thenComparing(MemoryAccess::key))
                .toList();
        if (copy.isEmpty()) {
            return;
        }
        // Each row's counts are added by one UPDATE that re-reads the row it locks, so concurrent puts
        // cannot make an increment lost and row locks suffice; run SERIALIZABLE, a flush during steady
        // puts on PostgreSQL kept failing for the whole retry timeout (demo-200 in hive-bench).
        executor.writeWithRowLocks(session -> {
            SharedMemoryMapper mapper = session.getMapper(SharedMemoryMapper.class);
            for (MemoryAccess access : copy) {
                if (access.count() > 0) {
                    mapper.recordAccess(access.namespace(), access.key(), access.count(), access.lastAccessedAt());
                }
            }
            return null;
        });
    }

    @Override
    public int purgeExpired() {
        return executor.write(session -> session.getMapper(SharedMemoryMapper.class).purgeExpired(clock.instant()));
    }

    private static ConflictException mismatch(String namespace, String key, long expected, long found) {
        return new ConflictException(ErrorCode.VERSION_MISMATCH, "memory '" + namespace + "/" + key
                + "': expected version " + expected + ", found " + (found == 0 ? "none" : String.valueOf(found)));
    }
}
