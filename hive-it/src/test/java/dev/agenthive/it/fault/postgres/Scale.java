package dev.agenthive.it.fault.postgres;

/**
 * Which scale a fault test runs at: reduced in a plain {@code mvn verify}, full when the system
 * property {@code hive.reliability} is {@code true} (the {@code -Preliability} profile).
 */
final class Scale {
    private Scale() {
    }

    static boolean full() {
        return Boolean.getBoolean("hive.reliability");
    }

    /** {@code reduced} in a plain run, {@code full} in a reliability run. */
    static int pick(int reduced, int full) {
        return full() ? full : reduced;
    }
}
