package dev.agenthive.api.health;

import dev.agenthive.api.error.InvalidInputException;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The health of a hive: one {@link ComponentHealth} per part, keyed by {@link #STORE},
 * {@link #NOTIFIER}, {@link #CACHE} and {@link #BLOB_STORE} (only the store when the hive could not
 * be opened), and the overall {@link #status()}.
 *
 * @param components the parts by name, in the order given; the store is always one of them
 */
public record HiveHealth(Map<String, ComponentHealth> components) {
    /** The store: without it nothing works. */
    public static final String STORE = "store";
    /** The channel that wakes waiting claims and inboxes. */
    public static final String NOTIFIER = "notifier";
    /** The cache of hot reads. */
    public static final String CACHE = "cache";
    /** Where large content goes. */
    public static final String BLOB_STORE = "blob-store";

    public HiveHealth {
        Map<String, ComponentHealth> copy = new LinkedHashMap<>();
        Objects.requireNonNull(components, "components is null").forEach((name, component) -> copy.put(
                Objects.requireNonNull(name, "component name is null"),
                Objects.requireNonNull(component, "component " + name + " is null")));
        if (!copy.containsKey(STORE)) {
            throw new InvalidInputException("health.components", "must include the " + STORE + ", were " + copy.keySet());
        }
        components = Collections.unmodifiableMap(copy);
    }

    /** The health of a hive whose store could not be opened, saying why. */
    public static HiveHealth storeCannotOpen(String error) {
        return new HiveHealth(Map.of(STORE, new ComponentHealth(HealthStatus.DOWN, "none", "", Map.of(),
                Objects.requireNonNull(error, "error is null"))));
    }

    /**
     * {@link HealthStatus#DOWN} when the store is down (nothing can be served without it);
     * {@link HealthStatus#DEGRADED} when the store is up but any other part is not; else
     * {@link HealthStatus#UP}.
     */
    public HealthStatus status() {
        if (store().status() == HealthStatus.DOWN) {
            return HealthStatus.DOWN;
        }
        boolean allUp = components.values().stream().allMatch(component -> component.status() == HealthStatus.UP);
        return allUp ? HealthStatus.UP : HealthStatus.DEGRADED;
    }

    /** The store's health. */
    public ComponentHealth store() {
        return components.get(STORE);
    }

    /** The health of the part of that name, if the hive reported it. */
    public Optional<ComponentHealth> component(String name) {
        return Optional.ofNullable(components.get(name));
    }
}
