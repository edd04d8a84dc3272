package dev.agenthive.api.store;

import java.util.Map;
import java.util.Objects;

/**
 * Result of a health check.
 *
 * @param healthy  the store answered a trivial query
 * @param provider provider name, e.g. {@code "sqlite"}
 * @param location where the data lives, without credentials
 * @param details  provider-specific facts (journal mode, pool size, ...) or the failure
 */
public record StoreHealth(boolean healthy, String provider, String location, Map<String, String> details) {
    public StoreHealth {
        Objects.requireNonNull(provider, "provider is null");
        Objects.requireNonNull(location, "location is null");
        details = Map.copyOf(Objects.requireNonNull(details, "details is null"));
    }
}
