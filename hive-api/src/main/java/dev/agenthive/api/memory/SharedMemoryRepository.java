package dev.agenthive.api.memory;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Driven port: the namespaced shared key-value memory. Expired entries are invisible to every read
 * before they are purged.
 */
public interface SharedMemoryRepository {

    Optional<MemoryEntry> get(String namespace, String key);

    /**
     * Writes the value, honouring {@link MemoryWrite#expectedVersion()}.
     *
     * @throws dev.agenthive.api.error.ConflictException {@code VERSION_MISMATCH} when the expectation does not hold
     */
    MemoryEntry put(MemoryWrite write);

    /**
     * Deletes the key.
     *
     * @param expectedVersion {@code null} for unconditional, else the version that must be current
     * @return {@code true} if an entry was deleted
     * @throws dev.agenthive.api.error.ConflictException {@code VERSION_MISMATCH} when the expectation does not hold
     */
    boolean delete(String namespace, String key, Long expectedVersion);

    /** Live entries matching the query, in key order. */
    List<MemoryEntry> list(MemoryQuery query);

    /**
     * Live entries whose key starts with {@code prefix}, in key order, after {@code afterKey}.
     *
     * @param prefix   key prefix, empty for all
     * @param afterKey exclusive start key for paging, or {@code null}
     * @param limit    1..10,000
     */
    default List<MemoryEntry> list(String namespace, String prefix, String afterKey, int limit) {
        return list(new MemoryQuery(namespace, prefix, null, afterKey, limit));
    }

    /** Adds accumulated reads to the entries' access statistics; missing keys are skipped. */
    void recordAccess(Collection<MemoryAccess> accesses);

    /** Deletes expired entries. @return number deleted */
    int purgeExpired();
}
