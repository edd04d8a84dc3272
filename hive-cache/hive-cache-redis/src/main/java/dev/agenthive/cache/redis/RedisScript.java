package dev.agenthive.cache.redis;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The Lua scripts of the cache. Each runs atomically on the server. Reading and installing first check
 * that the caller's generation ({@code ARGV[1]}) is the current one ({@code KEYS[1]}, absent meaning
 * 0), so that a process that has not yet heard of a new generation reads nothing of the old one;
 * invalidating deletes in the current generation, whichever it is.
 *
 * <p>Stored bytes start with a tag: {@code 'V'} a value (then the codec's bytes), {@code 'L'} a lease
 * (then a random token).
 */
enum RedisScript {
    /**
     * KEYS: generation, entry. ARGV: generation, lease token or empty, lease time to live in ms.
     * Returns {0, current generation} when the generation moved, {1, stored bytes} when the entry
     * holds a value or a lease, {2} when it was absent and now holds the caller's lease, {3} when it
     * was absent and no lease was asked for.
     */
    READ("""
            local g = redis.call('GET', KEYS[1]) or '0'
            if g ~= ARGV[1] then return {0, g} end
            local v = redis.call('GET', KEYS[2])
            if v then return {1, v} end
            if ARGV[2] ~= '' then
              redis.call('SET', KEYS[2], ARGV[2], 'PX', ARGV[3])
              return {2}
            end
            return {3}
            """),

    /**
     * KEYS: generation, entry. ARGV: generation, lease token, tagged value, time to live in ms.
     * Replaces the caller's lease by the value, only if the lease is still there (nothing invalidated
     * the entry since the lease was taken) in the same generation. Returns 1 if installed, else 0.
     */
    INSTALL("""
            if (redis.call('GET', KEYS[1]) or '0') ~= ARGV[1] then return 0 end
            if redis.call('GET', KEYS[2]) == ARGV[2] then
              redis.call('SET', KEYS[2], ARGV[3], 'PX', ARGV[4])
              return 1
            end
            return 0
            """),

    /** KEYS: entry. ARGV: lease token. Deletes the entry if it still holds the caller's lease. */
    RELEASE("""
            if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
            return 0
            """),

    /**
     * KEYS: generation. ARGV: key prefix, region, channel, message or empty, storage keys... Deletes
     * the entries of the storage keys (values and leases alike) in the current generation, whichever
     * it is, and publishes the message, atomically. Returns {the generation, how many subscribers
     * received the message}. Building the entry names here, not in the caller, is what lets an
     * invalidation be delivered while its process does not know the generation yet (it is
     * reconnecting): it always deletes where readers look. (So a standalone Redis only.)
     */
    INVALIDATE("""
            local g = redis.call('GET', KEYS[1]) or '0'
            local base = ARGV[1] .. ':' .. g .. ':' .. ARGV[2] .. ':'
            for i = 5, #ARGV do redis.call('DEL', base .. ARGV[i]) end
            local receivers = 0
            if ARGV[4] ~= '' then receivers = redis.call('PUBLISH', ARGV[3], ARGV[4]) end
            return {g, receivers}
            """),

    /**
     * KEYS: generation. ARGV: channel. Starts a new generation and announces it; returns its number.
     * Every entry of older generations is dead from then on and expires by its time to live.
     */
    BUMP("""
            local g = redis.call('INCR', KEYS[1])
            redis.call('PUBLISH', ARGV[1], 'generation ' .. g)
            return g
            """);

    private final String text;
    private final String sha;

    RedisScript(String text) {
        this.text = text;
        this.sha = sha1(text);
    }

    String text() {
        return text;
    }

    /** The SHA-1 Redis knows the script by ({@code EVALSHA}). */
    String sha() {
        return sha;
    }

    private static String sha1(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-1", e);
        }
    }
}
