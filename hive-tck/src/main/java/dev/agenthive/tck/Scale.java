package dev.agenthive.tck;

/**
 * How hard the contracts that repeat a scenario push: a reduced scale in {@code mvn verify}, the full
 * one when the environment variable {@code HIVE_TEST_RELIABILITY} is {@code true} (as
 * {@code mvn verify -Preliability} sets it; not a {@code hive.*} system property, which a hive's
 * configuration would refuse as unknown).
 */
final class Scale {
    private Scale() {
    }

    /** Whether this run is the full-scale reliability run. */
    static boolean full() {
        return Boolean.parseBoolean(System.getenv("HIVE_TEST_RELIABILITY"));
    }

    /** {@code reduced} in a plain build, {@code full} in the reliability run. */
    static int of(int reduced, int full) {
        return full() ? full : reduced;
    }
}
