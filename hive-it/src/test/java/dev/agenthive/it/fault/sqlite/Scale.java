package dev.agenthive.it.fault.sqlite;

/**
 * The scale of the fault tests of this package: reduced in a plain {@code mvn verify}, full when the
 * system property {@code hive.reliability} is {@code true} ({@code mvn verify -Preliability}).
 */
final class Scale {
    private Scale() {
    }

    /** Whether the full-scale run was asked for. */
    static boolean full() {
        return Boolean.getBoolean("hive.reliability");
    }

    /** {@code reduced} in a plain build, {@code full} in a reliability run. */
    static int pick(int reduced, int full) {
        return full() ? full : reduced;
    }
}
