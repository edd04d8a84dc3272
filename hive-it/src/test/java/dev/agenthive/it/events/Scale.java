package dev.agenthive.it.events;

/** The scale of this package's concurrency tests: reduced in {@code mvn verify}, full with {@code -Preliability}. */
final class Scale {
    private Scale() {
    }

    /** Whether {@code hive.reliability=true} asks for the full scale. */
    static boolean full() {
        return Boolean.getBoolean("hive.reliability");
    }

    /** {@code reduced} in a plain build, {@code full} under {@code -Preliability}. */
    static int of(int reduced, int full) {
        return full() ? full : reduced;
    }
}
