package dev.agenthive.api.cache;

import dev.agenthive.api.Checks;
import dev.agenthive.api.error.InvalidInputException;

import java.time.Duration;

/**
 * What a region is: its name, its bounds and how its values travel when the cache keeps them
 * outside the Java heap.
 *
 * @param name       lower-case letters, digits and {@code '-'}, e.g. {@code "agents"}
 * @param maxEntries most entries kept in this process (an in-process cache, or a shared cache's
 *                   near cache); at least 1
 * @param ttl        an entry is dropped this long after it was written, however often it is read;
 *                   a backstop, since invalidation already keeps entries fresh; positive
 * @param codec      turns values into bytes and back, for caches outside the heap
 * @param <V>        the type of the values
 */
public record CacheRegionSpec<V>(String name, long maxEntries, Duration ttl, CacheCodec<V> codec) {
    public CacheRegionSpec {
        Checks.notBlank(name, "name");
        if (!name.matches("[a-z0-9][a-z0-9-]*")) {
            throw new InvalidInputException("name", "must be lower-case letters, digits and '-': " + name);
        }
        if (maxEntries < 1) {
            throw new InvalidInputException("maxEntries", "must be at least 1: " + maxEntries);
        }
        Checks.notNull(ttl, "ttl");
        if (ttl.isNegative() || ttl.isZero()) {
            throw new InvalidInputException("ttl", "must be positive: " + ttl);
        }
        Checks.notNull(codec, "codec");
    }
}
