package dev.agenthive.it.model;

/** Reduced scale in {@code mvn verify}, full scale when {@code hive.reliability} is {@code true}. */
final class Scale {
    private Scale() {
    }

    static boolean full() {
        return Boolean.getBoolean("hive.reliability");
    }
}
