package dev.agenthive.cache.redis;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What travels on the invalidation channel {@code <prefix>:invalidations}, as UTF-8 text a person can
 * read with {@code redis-cli subscribe}:
 * <ul>
 *   <li>{@code keys <origin> <seq> <region> <n>:<key><n>:<key>...}: drop these entries ({@code n} is
 *       the key's length in UTF-16 units, so keys may hold any character, spaces and colons
 *       included);</li>
 *   <li>{@code all <origin> <seq> <region>}: drop every entry of the region;</li>
 *   <li>{@code generation <n>}: the generation is now {@code n}; every near entry may be stale.</li>
 * </ul>
 * A receiver of {@code keys} or {@code all} answers, once it dropped the entries, with {@code <seq>}
 * on the origin's acknowledgement channel {@code <prefix>:acks:<origin>}. Keys are
 * {@linkplain RedisRegion#storageKey storage keys}, which are well-formed UTF-16 and so survive UTF-8
 * unchanged.
 */
sealed interface InvalidationMessage {

    /** Drop the entries of {@code keys} in {@code region}; acknowledge {@code seq} to {@code origin}. */
    record Keys(String origin, long seq, String region, List<String> keys) implements InvalidationMessage {
        public Keys {
            Objects.requireNonNull(origin, "origin is null");
            Objects.requireNonNull(region, "region is null");
            keys = List.copyOf(keys);
        }
    }

    /** Drop every entry of {@code region}; acknowledge {@code seq} to {@code origin}. */
    record All(String origin, long seq, String region) implements InvalidationMessage {
        public All {
            Objects.requireNonNull(origin, "origin is null");
            Objects.requireNonNull(region, "region is null");
        }
    }

    /** The generation is now {@code generation}. */
    record Generation(long generation) implements InvalidationMessage {
    }

    static String keys(String origin, long seq, String region, List<String> keys) {
        StringBuilder text = new StringBuilder(32 + region.length() + keys.size() * 16)
                .append("keys ").append(origin).append(' ').append(seq).append(' ').append(region).append(' ');
        for (String key : keys) {
            text.append(key.length()).append(':').append(key);
        }
        return text.toString();
    }

    static String all(String origin, long seq, String region) {
        return "all " + origin + ' ' + seq + ' ' + region;
    }

    /** The message of {@code text}, or {@code null} when it is not one (another program's, a newer format). */
    static InvalidationMessage parse(String text) {
        try {
            if (text.startsWith("keys ")) {
                String[] head = text.split(" ", 5);
                List<String> keys = new ArrayList<>();
                String body = head[4];
                int at = 0;
                while (at < body.length()) {
                    int colon = body.indexOf(':', at);
                    int length = Integer.parseInt(body, at, colon, 10);
                    keys.add(body.substring(colon + 1, colon + 1 + length));
                    at = colon + 1 + length;
                }
                return new Keys(head[1], Long.parseLong(head[2]), head[3], keys);
            }
            if (text.startsWith("all ")) {
                String[] parts = text.split(" ", 4);
                return new All(parts[1], Long.parseLong(parts[2]), parts[3]);
            }
            if (text.startsWith("generation ")) {
                return new Generation(Long.parseLong(text.substring(11)));
            }
        } catch (RuntimeException malformed) {
            return null;
        }
        return null;
    }
}
