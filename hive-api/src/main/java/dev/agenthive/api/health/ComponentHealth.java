package dev.agenthive.api.health;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The health of one part of a hive.
 *
 * @param status    how well it works
 * @param provider  what serves it, e.g. {@code "sqlite"}, {@code "in-process"}, {@code "redis"}, or
 *                  {@code "none"} when the part is off
 * @param location  where it lives, without credentials; empty when it has no place of its own
 * @param details   facts about it (WAL size, pool figures, connection state), sorted by name
 * @param lastError the last failure it reported, or {@code null} when it reported none
 */
public record ComponentHealth(HealthStatus status, String provider, String location, Map<String, String> details,
                              String lastError) {
    public ComponentHealth {
        Objects.requireNonNull(status, "status is null");
        Objects.requireNonNull(provider, "provider is null");
        Objects.requireNonNull(location, "location is null");
        details = Collections.unmodifiableMap(new TreeMap<>(Map.copyOf(Objects.requireNonNull(details, "details is null"))));
    }

    /** A part that works, with no error to report. */
    public static ComponentHealth up(String provider, String location, Map<String, String> details) {
        return new ComponentHealth(HealthStatus.UP, provider, location, details, null);
    }

    /** A part that is off by configuration: not a failure, so {@link HealthStatus#UP}, with the reason as detail {@code off}. */
    public static ComponentHealth off(String reason) {
        return up("none", "", Map.of("off", Objects.requireNonNull(reason, "reason is null")));
    }
}
