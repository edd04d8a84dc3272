package dev.agenthive.api.health;

/** How well a part of a hive, or the hive as a whole, works, best first. */
public enum HealthStatus {
    /** Works as configured. */
    UP,
    /** Serves calls, but a part beside the store fails: slower (no cache, no cross-process wake-ups) or without large content. */
    DEGRADED,
    /** Cannot serve calls: the store does not answer or cannot be opened. */
    DOWN
}
