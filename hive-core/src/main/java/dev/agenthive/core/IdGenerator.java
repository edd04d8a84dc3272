package dev.agenthive.core;

import java.time.Clock;
import java.util.Objects;
import java.util.Random;
import java.util.UUID;

/**
 * Generates UUIDv7 identifiers (RFC 9562) as lower-case text. Ids from one generator sort in the
 * order they were generated, also within one millisecond: the 12-bit {@code rand_a} field is a
 * counter seeded at random each millisecond, and when it runs out the timestamp moves on by one
 * millisecond (RFC 9562, section 6.2, method 1). Ids of different generators are ordered by time
 * to the millisecond. Thread-safe.
 */
final class IdGenerator {
    private static final int COUNTER_BITS = 12;
    private static final int COUNTER_MAX = (1 << COUNTER_BITS) - 1;

    private final Clock clock;
    private final Random random;
    private long lastMillis = -1;
    private int counter;

    /**
     * @param clock  source of the timestamp part
     * @param random source of the random part; a {@link java.security.SecureRandom} keeps ids unguessable
     */
    IdGenerator(Clock clock, Random random) {
        this.clock = Objects.requireNonNull(clock, "clock is null");
        this.random = Objects.requireNonNull(random, "random is null");
    }

    /** The next id, e.g. {@code 0190b5a4-3c1e-7a2b-9f00-1c2d3e4f5a6b}. */
    String next() {
        long millis;
        int sequence;
        long tail;
        synchronized (this) {
            long now = clock.millis();
            if (now > lastMillis) {
                lastMillis = now;
                // Seeding below half the range leaves room for at least 2048 ids in the same millisecond.
                counter = random.nextInt(1 << (COUNTER_BITS - 1));
            } else if (counter < COUNTER_MAX) {
                counter++;
            } else {
                lastMillis++;
                counter = random.nextInt(1 << (COUNTER_BITS - 1));
            }
            millis = lastMillis;
            sequence = counter;
            tail = random.nextLong();
        }
        long high = (millis & 0xFFFF_FFFF_FFFFL) << 16 | 0x7000L | sequence;
        long low = (tail & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        return new UUID(high, low).toString();
    }
}
