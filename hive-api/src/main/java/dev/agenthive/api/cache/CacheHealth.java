package dev.agenthive.api.cache;

import java.util.Map;
import java.util.Objects;

/**
 * Result of a cache health check.
 *
 * @param status   {@link Status#UP}, or {@link Status#DEGRADED} while reads go to the store
 *                 because the cache cannot be used
 * @param provider provider name, e.g. {@code "redis"}
 * @param location where the cache lives, without credentials
 * @param details  provider facts (entries, connection state) or the last failure
 */
public record CacheHealth(Status status, String provider, String location, Map<String, String> details) {
    public CacheHealth {
        Objects.requireNonNull(status, "status is null");
        Objects.requireNonNull(provider, "provider is null");
        Objects.requireNonNull(location, "location is null");
        details = Map.copyOf(Objects.requireNonNull(details, "details is null"));
    }

    /** Whether the cache serves reads. */
    public enum Status {
        UP, DEGRADED
    }
}
