package dev.agenthive.core.config;

import dev.agenthive.api.error.InvalidInputException;
import dev.agenthive.api.event.Severity;

import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The keys a configuration may set: the core's own (each with its default), {@value HiveConfig#CONFIG_FILE},
 * and those the installed storage providers declare. A name that is none of them fails naming the
 * closest known keys, so that a typo never passes as an unset value.
 */
final class ConfigKeys {
    /** The keys the core reads, each with its default, in documentation order. */
    static final Map<String, String> CORE_DEFAULTS = coreDefaults();

    private final Set<String> known;
    private final Map<String, String> byEnvironmentName;

    private ConfigKeys(Set<String> known) {
        this.known = Collections.unmodifiableSet(known);
        Map<String, String> environmentNames = new HashMap<>();
        for (String key : known) {
            environmentNames.put(environmentName(key), key);
        }
        this.byEnvironmentName = Map.copyOf(environmentNames);
    }

    /** The core's keys, {@value HiveConfig#CONFIG_FILE} and the cache regions' bounds, plus {@code providerKeys}. */
    static ConfigKeys withProviderKeys(Collection<String> providerKeys) {
        Set<String> known = new TreeSet<>(CORE_DEFAULTS.keySet());
        known.add(HiveConfig.CONFIG_FILE);
        for (String region : HiveConfig.CACHE_REGIONS) {
            known.add(HiveConfig.cacheRegionKey(region, "max-entries"));
            known.add(HiveConfig.cacheRegionKey(region, "ttl"));
        }
        known.addAll(providerKeys);
        return new ConfigKeys(known);
    }

    /** The environment variable that sets {@code key}: upper case, {@code '.'} and {@code '-'} as {@code '_'}. */
    static String environmentName(String key) {
        return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /**
     * Fails unless {@code key} is known, or has the form of an alert rule's key.
     *
     * @param origin where the key was read, for the message, e.g. {@code "system property"}
     * @throws InvalidInputException naming the key, its origin and the closest known keys
     */
    void requireKnown(String key, String origin) {
        if (AlertKeys.isAlertKey(key)) {
            AlertKeys.name(key, origin);
            return;
        }
        if (!known.contains(key)) {
            throw new InvalidInputException(key, "is not a known configuration key (from " + origin + ")"
                    + suggestions(key, known));
        }
    }

    /** The key whose environment variable is {@code name}, if any (any alert rule's, see {@link AlertKeys}). */
    Optional<String> forEnvironmentName(String name) {
        String key = byEnvironmentName.get(name);
        return key != null ? Optional.of(key) : AlertKeys.fromEnvironmentName(name);
    }

    /** "; did you mean ..." with the known environment variables closest to {@code name}. */
    String environmentSuggestions(String name) {
        return suggestions(name, byEnvironmentName.keySet());
    }

    /** "; did you mean ..." with the closest known names, or the list of known names when none is close. */
    static String suggestions(String name, Collection<String> known) {
        List<String> close = known.stream()
                .map(candidate -> Map.entry(candidate,
                        editDistance(name.toLowerCase(Locale.ROOT), candidate.toLowerCase(Locale.ROOT))))
                .filter(e -> e.getValue() <= Math.max(2, name.length() / 4))
                .sorted(Map.Entry.<String, Integer>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
                .limit(3)
                .map(Map.Entry::getKey)
                .toList();
        if (!close.isEmpty()) {
            return "; did you mean " + String.join(" or ", close) + "?";
        }
        return "; known: " + known.stream().sorted(Comparator.naturalOrder()).collect(Collectors.joining(", "));
    }

    private static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    private static Map<String, String> coreDefaults() {
        Map<String, String> defaults = new LinkedHashMap<>();
        defaults.put(HiveConfig.STORAGE_URL, "sqlite:.hive/agent_hive.db");
        defaults.put(HiveConfig.STORAGE_MIGRATE, "true");
        defaults.put(HiveConfig.TASK_LEASE, "30s");
        defaults.put(HiveConfig.TASK_BACKOFF_INITIAL, "1s");
        defaults.put(HiveConfig.TASK_BACKOFF_MAX, "5m");
        defaults.put(HiveConfig.AGENT_HEARTBEAT_TIMEOUT, "60s");
        defaults.put(HiveConfig.MESSAGE_VISIBILITY_TIMEOUT, "30s");
        defaults.put(HiveConfig.JSON_MAX_DEPTH, "64");
        defaults.put(HiveConfig.JSON_MAX_BYTES, "1048576");
        defaults.put(HiveConfig.MEMORY_MAX_VALUE_BYTES, "1048576");
        defaults.put(HiveConfig.WAIT_RECHECK_INTERVAL, "250ms");
        defaults.put(HiveConfig.MAINTENANCE_INTERVAL, "5s");
        defaults.put(HiveConfig.SLOW_OPERATION, "100ms");
        defaults.put(HiveConfig.retentionKey(Severity.DEBUG), "1d");
        defaults.put(HiveConfig.retentionKey(Severity.INFO), "7d");
        defaults.put(HiveConfig.retentionKey(Severity.WARNING), "30d");
        defaults.put(HiveConfig.retentionKey(Severity.ERROR), "90d");
        defaults.put(HiveConfig.retentionKey(Severity.CRITICAL), "365d");
        defaults.put(HiveConfig.SESSION_THRESHOLD_CONSOLIDATE, "0.75");
        defaults.put(HiveConfig.SESSION_THRESHOLD_CRITICAL, "0.85");
        defaults.put(HiveConfig.SESSION_THRESHOLD_SLEEP, "0.95");
        defaults.put(HiveConfig.SESSION_MAX_TOKENS, "200000");
        defaults.put(HiveConfig.CACHE_URL, "caffeine:");
        defaults.put(HiveConfig.CACHE_MAX_ENTRIES, "10000");
        defaults.put(HiveConfig.CACHE_TTL, "10m");
        defaults.put(HiveConfig.CACHE_ASYNC_INVALIDATION, "false");
        defaults.put(HiveConfig.BLOB_URL, "file:.hive/blobs");
        defaults.put(HiveConfig.BLOB_MAX_BYTES, "268435456");
        defaults.put(HiveConfig.BLOB_INLINE_MAX_BYTES, "65536");
        defaults.putAll(AlertKeys.defaults());
        return Collections.unmodifiableMap(defaults);
    }
}
