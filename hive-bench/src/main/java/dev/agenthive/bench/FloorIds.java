package dev.agenthive.bench;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Ids for rows the floor inserts: time-ordered like Agent Hive's, so both insert into the primary-key
 * index at its end, but without Agent Hive's random part.
 */
final class FloorIds {
    private static final AtomicLong NEXT = new AtomicLong(System.currentTimeMillis() << 20);

    private FloorIds() {
    }

    static String next(char prefix) {
        String digits = Long.toHexString(NEXT.incrementAndGet());
        return prefix + "0".repeat(16 - digits.length()) + digits;
    }
}
