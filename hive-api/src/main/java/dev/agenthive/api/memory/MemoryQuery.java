package dev.agenthive.api.memory;

import dev.agenthive.api.Checks;
import dev.agenthive.api.json.Json;

/**
 * A page of live shared-memory entries of one namespace, in key order.
 *
 * @param namespace        the namespace
 * @param prefix           only keys starting with this text, empty for all
 * @param metadataContains only entries whose metadata contains this JSON fragment, with
 *                         PostgreSQL's {@code jsonb @>} semantics on every store (see {@link Json}),
 *                         or {@code null}
 * @param afterKey         exclusive start key for paging, or {@code null}
 * @param limit            1..{@value #MAX_LIMIT}
 */
public record MemoryQuery(String namespace, String prefix, Json metadataContains, String afterKey, int limit) {
    /** Largest page. */
    public static final int MAX_LIMIT = 10_000;

    public MemoryQuery {
        Checks.id(namespace, "memory.namespace");
        Checks.notNull(prefix, "memory.prefix");
        Checks.text(Checks.maxLength(prefix, Checks.MAX_ID_LENGTH, "memory.prefix"), "memory.prefix");
        Checks.json(metadataContains, "memory.metadataContains");
        Checks.optionalId(afterKey, "memory.afterKey");
        Checks.between(limit, 1, MAX_LIMIT, "memory.limit");
    }

    /** The first {@code limit} entries of the namespace whose key starts with {@code prefix}. */
    public static MemoryQuery prefix(String namespace, String prefix, int limit) {
        return new MemoryQuery(namespace, prefix, null, null, limit);
    }

    /** The first {@code limit} entries of the namespace whose metadata contains {@code fragment}. */
    public static MemoryQuery metadataContaining(String namespace, Json fragment, int limit) {
        return new MemoryQuery(namespace, "", Checks.notNull(fragment, "memory.metadataContains"), null, limit);
    }

    /** The next page, starting after {@code key}. */
    public MemoryQuery after(String key) {
        return new MemoryQuery(namespace, prefix, metadataContains, key, limit);
    }
}
