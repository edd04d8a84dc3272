package dev.agenthive.api.cache;

/**
 * Turns a region's values into bytes and back, for caches that keep them outside the Java heap
 * (Redis). {@code decode(encode(v))} equals {@code v}.
 *
 * @param <V> the type of the values
 */
public interface CacheCodec<V> {

    /** The bytes of a value; never {@code null}. */
    byte[] encode(V value);

    /**
     * The value of bytes made by {@link #encode}.
     *
     * @throws RuntimeException the bytes are not such a value; the cache treats the entry as absent
     */
    V decode(byte[] bytes);
}
