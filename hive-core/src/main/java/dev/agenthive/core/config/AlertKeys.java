package dev.agenthive.core.config;

import dev.agenthive.api.error.InvalidInputException;
import dev.agenthive.core.alert.AlertRule;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The keys of the alert rules, {@code hive.alert.<name>.<field>}: any name that {@link AlertRule#checkName}
 * accepts, with one of {@link #FIELDS}. Unlike the other keys they are not a fixed list, so they are
 * checked by their form: an unknown field or a malformed name fails naming the key, like an unknown key.
 */
final class AlertKeys {
    static final String SOURCE = "source";
    static final String THRESHOLD = "threshold";
    static final String CLEAR = "clear";
    static final String WINDOW = "window";
    static final String SEVERITY = "severity";
    static final String ENABLED = "enabled";
    /** Every field a rule may set. */
    static final List<String> FIELDS = List.of(SOURCE, THRESHOLD, CLEAR, WINDOW, SEVERITY, ENABLED);
    /** The window of a rule that sets none. */
    static final String DEFAULT_WINDOW = "5m";
    /** The severity of a rule that sets none. */
    static final String DEFAULT_SEVERITY = "warning";

    private static final String ENVIRONMENT_PREFIX = ConfigKeys.environmentName(AlertRule.KEY_PREFIX);

    private AlertKeys() {
    }

    /** Whether {@code key} is in the alerts' part of the configuration. */
    static boolean isAlertKey(String key) {
        return key.startsWith(AlertRule.KEY_PREFIX);
    }

    /**
     * The alert name of an alert key.
     *
     * @param origin where the key was read, for the message
     * @throws InvalidInputException naming the key: no field, an unknown field, or a malformed name
     */
    static String name(String key, String origin) {
        String rest = key.substring(AlertRule.KEY_PREFIX.length());
        int dot = rest.lastIndexOf('.');
        String field = dot < 0 ? "" : rest.substring(dot + 1);
        if (dot < 0 || !FIELDS.contains(field)) {
            throw new InvalidInputException(key, "is not a known configuration key (from " + origin
                    + "); an alert key is " + AlertRule.KEY_PREFIX + "<name>.<field> with <field> one of " + FIELDS);
        }
        String name = rest.substring(0, dot);
        try {
            return AlertRule.checkName(name);
        } catch (InvalidInputException e) {
            throw new InvalidInputException(key, e.rule() + " (from " + origin + ")", e);
        }
    }

    /**
     * The alert key an environment variable names, e.g. {@code HIVE_ALERT_SLOW_OPS_THRESHOLD} for
     * {@code hive.alert.slow-ops.threshold}: alert names hold no {@code '_'}, so each one there was a
     * {@code '-'}.
     */
    static Optional<String> fromEnvironmentName(String variable) {
        if (!variable.startsWith(ENVIRONMENT_PREFIX)) {
            return Optional.empty();
        }
        String rest = variable.substring(ENVIRONMENT_PREFIX.length());
        for (String field : FIELDS) {
            String suffix = "_" + field.toUpperCase(Locale.ROOT);
            if (rest.endsWith(suffix) && rest.length() > suffix.length()) {
                String name = rest.substring(0, rest.length() - suffix.length()).toLowerCase(Locale.ROOT).replace('_', '-');
                return Optional.of(AlertRule.key(name, field));
            }
        }
        return Optional.empty();
    }

    /** The names of the alerts that {@code keys} configure, sorted. */
    static Set<String> names(Set<String> keys) {
        Set<String> names = new TreeSet<>();
        for (String key : keys) {
            if (isAlertKey(key)) {
                String rest = key.substring(AlertRule.KEY_PREFIX.length());
                names.add(rest.substring(0, rest.lastIndexOf('.')));
            }
        }
        return names;
    }

    /**
     * The rules shipped on, as default values of their keys: any key can be overridden, and
     * {@code hive.alert.<name>.enabled=false} turns one off. Dead letters and crashed agents raise at
     * the first one in their window; the error rate at more than ten errors in five minutes; the queue
     * depth at more than a thousand waiting tasks.
     */
    static Map<String, String> defaults() {
        Map<String, String> defaults = new LinkedHashMap<>();
        defaults.put(AlertRule.key("queue-depth", SOURCE), "query:queue.depth");
        defaults.put(AlertRule.key("queue-depth", THRESHOLD), "1000");
        defaults.put(AlertRule.key("dead-letters", SOURCE), "query:tasks.dead");
        defaults.put(AlertRule.key("dead-letters", THRESHOLD), "0");
        defaults.put(AlertRule.key("dead-letters", WINDOW), "15m");
        defaults.put(AlertRule.key("crashed-agents", SOURCE), "query:agents.crashed");
        defaults.put(AlertRule.key("crashed-agents", THRESHOLD), "0");
        defaults.put(AlertRule.key("crashed-agents", WINDOW), "15m");
        defaults.put(AlertRule.key("error-rate", SOURCE), "query:events.errors");
        defaults.put(AlertRule.key("error-rate", THRESHOLD), "10");
        defaults.put(AlertRule.key("error-rate", WINDOW), DEFAULT_WINDOW);
        return defaults;
    }
}
