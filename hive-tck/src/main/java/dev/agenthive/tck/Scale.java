package dev.agenthive.tck;

/**
 * How hard the contracts that repeat a scenario push: a reduced scale in {@code mvn verify}, the full
 * one when the system property {@code hive.reliability} is {@code true} ({@code mvn verify -Preliability}).
 */
final class Scale {
    private Scale() {
    }

    /** Whether this run is the full-scale reliability run. */
    static boolean full() {
        return Boolean.getBoolean("hive.reliability");
    }

    /** {@code reduced} in a plain build, {@code full} in the reliability run. */
    static int of(int reduced, int full) {
        return full() ? full : reduced;
    }
}
