package dev.agenthive.store.jdbc.memory;

import dev.agenthive.store.jdbc.JsonSyntax;
import dev.agenthive.api.Checks;
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
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link SharedMemoryRepository} over SQL. Writes read the current row and then change it with an
 * UPDATE guarded by the version they saw, so a compare-and-set can never overwrite a newer value.
 * Expired rows are invisible to every read and count as absent for writes.
 */
public final class JdbcSharedMemoryRepository implements SharedMemoryRepository {
    private final SqlExecutor executor;
    private final Clock clock;

    public JdbcSharedMemoryRepository(SqlExecutor executor, Clock clock) {
        this.executor = Objects.requireNonNull(executor, "executor is null");
        this.clock = Objects.requireNonNull(clock, "clock is null");
    }

    @Override
    public Optional<MemoryEntry> get(String namespace, String key) {
        Checks.id(namespace, "memory.namespace");
        Checks.id(key, "memory.key");
        return executor.read(session -> Optional.ofNullable(
                session.getMapper(SharedMemoryMapper.class).findLive(namespace, key, clock.instant()))
                .map(MemoryRow::toEntry));
    }

    @Override
    public MemoryEntry put(MemoryWrite write) {
        Checks.notNull(write, "memory");
        JsonSyntax.requireValid(write.value(), "shared_memory_value_json");
        JsonSyntax.requireValid(write.metadata(), "shared_memory_metadata_json");
        long sizeBytes = write.value().text().getBytes(StandardCharsets.UTF_8).length;
        return executor.write(session -> {
            SharedMemoryMapper mapper = session.getMapper(SharedMemoryMapper.class);
            Instant now = clock.instant();
            Instant expiresAt = write.timeToLive() == null ? null : now.plus(write.timeToLive());
            MemoryRow current = mapper.find(write.namespace(), write.key());
            MemoryRow live = current != null && current.liveAt(now) ? current : null;
            Long expected = write.expectedVersion();
            if (expected != null) {
                long found = live == null ? 0 : live.version();
                if (found != expected) {
                    throw mismatch(write.namespace(), write.key(), expected, found);
                }
            }
            int changed;
            if (live != null) {
                changed = mapper.update(write, sizeBytes, expiresAt, live.version(), now);
            } else if (current != null) {
                changed = mapper.replaceExpired(write, sizeBytes, expiresAt, now);
            } else {
                changed = mapper.insert(write, sizeBytes, expiresAt, now);
            }
            if (changed != 1) {
                MemoryRow after = mapper.findLive(write.namespace(), write.key(), now);
                throw mismatch(write.namespace(), write.key(), live == null ? 0 : live.version(),
                        after == null ? 0 : after.version());
            }
            return mapper.find(write.namespace(), write.key()).toEntry();
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
        JsonSyntax.requireValidArgument(query.metadataContains(), "memory.metadataContains");
        String below = KeyRange.successor(query.prefix());
        return executor.read(session -> session.getMapper(SharedMemoryMapper.class)
                .list(query.namespace(), query.prefix(), below, query.metadataContains(), query.afterKey(),
                        clock.instant(), query.limit()).stream()
                .map(MemoryRow::toEntry).toList());
    }

    @Override
    public void recordAccess(Collection<MemoryAccess> accesses) {
        Checks.notNull(accesses, "accesses");
        List<MemoryAccess> copy = List.copyOf(accesses);
        if (copy.isEmpty()) {
            return;
        }
        executor.write(session -> {
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
