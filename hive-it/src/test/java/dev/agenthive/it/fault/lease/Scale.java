package dev.agenthive.it.fault.lease;

/**
 * The scale of this package's fault tests: reduced in a plain {@code mvn verify}, full when the
 * system property {@code hive.reliability} is {@code true} (the {@code reliability} profile).
 */
final class Scale {
    private Scale() {
    }

    /** Whether the tests run at full scale. */
    static boolean full() {
        return Boolean.getBoolean("hive.reliability");
    }

    /** {@code full} at full scale, else {@code reduced}. */
    static int of(int reduced, int full) {
        return full() ? full : reduced;
    }
}
