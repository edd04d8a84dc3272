package dev.agenthive.core.config;

import dev.agenthive.api.error.InvalidInputException;
import dev.agenthive.api.event.Severity;
import dev.agenthive.api.session.UsageThresholds;
import dev.agenthive.api.spi.Durations;
import dev.agenthive.api.task.RetryBackoff;
import dev.agenthive.core.alert.AlertRule;
import dev.agenthive.core.alert.AlertSource;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The resolved values with their origins, read as types. Every rule a value must follow is here,
 * the rules between keys included; a broken one is an {@link InvalidInputException} naming the
 * key, the rule, the value and where it came from. Nothing is clamped.
 *
 * @param values  every resolved key with its value
 * @param origins where each value came from, e.g. {@code "environment HIVE_TASK_LEASE"}
 */
record ConfigValues(Map<String, String> values, Map<String, String> origins) {
    ConfigValues {
        values = Map.copyOf(values);
        origins = Map.copyOf(origins);
    }

    String notBlank(String key) {
        if (raw(key).isEmpty()) {
            throw invalid(key, "must not be blank");
        }
        return raw(key);
    }

    boolean bool(String key) {
        String value = raw(key).toLowerCase(Locale.ROOT);
        if (value.equals("true")) {
            return true;
        }
        if (value.equals("false")) {
            return false;
        }
        throw invalid(key, "must be true or false");
    }

    int positiveInt(String key) {
        return Math.toIntExact(positiveLongAtMost(key, Integer.MAX_VALUE));
    }

    long positiveLong(String key) {
        return positiveLongAtMost(key, Long.MAX_VALUE);
    }

    private long positiveLongAtMost(String key, long max) {
        long value;
        try {
            value = Long.parseLong(raw(key));
        } catch (NumberFormatException e) {
            throw invalid(key, "must be a whole number up to " + max);
        }
        if (value > max) {
            throw invalid(key, "must be a whole number up to " + max);
        }
        if (value <= 0) {
            throw invalid(key, "must be positive");
        }
        return value;
    }

    int positiveIntAtMost(String key, long max) {
        int value = positiveInt(key);
        if (value > max) {
            throw invalid(key, "must be at most " + max);
        }
        return value;
    }

    /** {@link #positiveInt} of a key that may be unset. */
    Optional<Integer> optionalPositiveInt(String key) {
        return values.containsKey(key) ? Optional.of(positiveInt(key)) : Optional.empty();
    }

    /** {@link #positiveDuration} of a key that may be unset. */
    Optional<Duration> optionalPositiveDuration(String key) {
        return values.containsKey(key) ? Optional.of(positiveDuration(key)) : Optional.empty();
    }

    /** A duration in the grammar of {@link Durations}; zero allowed. */
    Duration duration(String key) {
        try {
            return Durations.parse(key, raw(key));
        } catch (InvalidInputException e) {
            throw new InvalidInputException(key, e.rule() + " (from " + origin(key) + ")", e);
        }
    }

    Duration positiveDuration(String key) {
        Duration duration = duration(key);
        if (duration.isZero()) {
            throw invalid(key, "must be a positive duration");
        }
        return duration;
    }

    /** A retry backoff whose maximum is not below its first delay. */
    RetryBackoff backoff(String initialKey, String maxKey) {
        Duration initial = duration(initialKey);
        Duration max = duration(maxKey);
        if (max.compareTo(initial) < 0) {
            throw invalid(maxKey, "must not be less than " + initialKey + " (" + Durations.format(initial) + ")");
        }
        return new RetryBackoff(initial, max);
    }

    /** Usage thresholds {@code 0 < consolidate < critical < sleep <= 1}, checked key by key so that a failure names the key to fix. */
    UsageThresholds thresholds(String consolidateKey, String criticalKey, String sleepKey) {
        double consolidate = fraction(consolidateKey);
        double critical = fraction(criticalKey);
        double sleep = fraction(sleepKey);
        if (consolidate <= 0) {
            throw invalid(consolidateKey, "must be above 0");
        }
        if (critical <= consolidate) {
            throw invalid(criticalKey, "must be above " + consolidateKey + " (" + consolidate + ")");
        }
        if (sleep <= critical) {
            throw invalid(sleepKey, "must be above " + criticalKey + " (" + critical + ")");
        }
        if (sleep > 1) {
            throw invalid(sleepKey, "must be at most 1");
        }
        return new UsageThresholds(consolidate, critical, sleep);
    }

    /**
     * The enabled alert rules of every name that some key {@code hive.alert.<name>.*} sets. Every set
     * field is checked, a turned-off rule's too; a rule needs a source and a threshold, and its clear
     * level defaults to half the threshold.
     */
    List<AlertRule> alertRules() {
        List<AlertRule> rules = new ArrayList<>();
        for (String name : AlertKeys.names(values.keySet())) {
            String sourceKey = AlertRule.key(name, AlertKeys.SOURCE);
            String thresholdKey = AlertRule.key(name, AlertKeys.THRESHOLD);
            String clearKey = AlertRule.key(name, AlertKeys.CLEAR);
            String windowKey = AlertRule.key(name, AlertKeys.WINDOW);
            String severityKey = AlertRule.key(name, AlertKeys.SEVERITY);
            String enabledKey = AlertRule.key(name, AlertKeys.ENABLED);
            boolean enabled = !values.containsKey(enabledKey) || bool(enabledKey);
            AlertSource source = source(sourceKey);
            required(thresholdKey, "a number");
            double threshold = nonNegativeNumber(thresholdKey);
            double clear = values.containsKey(clearKey) ? nonNegativeNumber(clearKey) : threshold / 2;
            if (clear > threshold) {
                throw invalid(clearKey, "must not be above " + thresholdKey + " (" + raw(thresholdKey) + ")");
            }
            Duration window = values.containsKey(windowKey) ? positiveDuration(windowKey)
                    : Durations.parse(windowKey, AlertKeys.DEFAULT_WINDOW);
            Severity severity = severity(severityKey);
            if (enabled) {
                rules.add(new AlertRule(name, source, threshold, clear, window, severity));
            }
        }
        return List.copyOf(rules);
    }

    private AlertSource source(String key) {
        String text = required(key, "query:<name> or meter:<name>");
        try {
            return AlertSource.parse(text, key);
        } catch (InvalidInputException e) {
            throw new InvalidInputException(key, e.rule() + " (from " + origin(key) + ")", e);
        }
    }

    private String required(String key, String what) {
        if (!values.containsKey(key) || raw(key).isEmpty()) {
            throw new InvalidInputException(key, "must be set to " + what + " for the alert rule "
                    + key.substring(0, key.lastIndexOf('.')) + ".* that other keys set");
        }
        return raw(key);
    }

    private double nonNegativeNumber(String key) {
        double value;
        try {
            value = new BigDecimal(raw(key)).doubleValue();
        } catch (NumberFormatException e) {
            throw invalid(key, "must be a number such as 5 or 0.5");
        }
        if (!Double.isFinite(value) || value < 0) {
            throw invalid(key, "must be a finite number of at least 0");
        }
        return value;
    }

    private Severity severity(String key) {
        if (!values.containsKey(key)) {
            return Severity.parse(AlertKeys.DEFAULT_SEVERITY);
        }
        try {
            return Severity.parse(raw(key));
        } catch (InvalidInputException e) {
            throw invalid(key, e.rule());
        }
    }

    private double fraction(String key) {
        double value;
        try {
            value = new BigDecimal(raw(key)).doubleValue();
        } catch (NumberFormatException e) {
            throw invalid(key, "must be a decimal number such as 0.75");
        }
        if (!Double.isFinite(value)) {
            throw invalid(key, "must be a finite number");
        }
        return value;
    }

    private String raw(String key) {
        return values.get(key).trim();
    }

    private String origin(String key) {
        return origins.getOrDefault(key, "default");
    }

    private InvalidInputException invalid(String key, String rule) {
        return new InvalidInputException(key, rule + ", was '" + values.get(key) + "' (from " + origin(key) + ")");
    }
}
