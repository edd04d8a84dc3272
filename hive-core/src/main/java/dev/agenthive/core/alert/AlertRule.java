package dev.agenthive.core.alert;

import dev.agenthive.api.error.InvalidInputException;
import dev.agenthive.api.event.Severity;

import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One alert rule, from the keys {@code hive.alert.<name>.*}. The alert is raised when the value
 * rises above {@code threshold} and cleared only once it is back at or below {@code clear}, so a
 * value hovering around the threshold raises it once rather than on every round. Failures name the
 * configuration key to fix.
 *
 * @param name      the alert's name: lower-case letters, digits and {@code '-'}, starting with a letter or digit
 * @param source    where the value comes from
 * @param threshold the alert is raised when the value is above it; not negative
 * @param clear     the raised alert is cleared when the value is at or below it; not above {@code threshold}
 * @param window    how far back a windowed source counts (a level such as {@code queue.depth} ignores it)
 * @param severity  the severity of the {@code alert.raised} event
 */
public record AlertRule(String name, AlertSource source, double threshold, double clear, Duration window,
                        Severity severity) {
    /** Prefix of every alert key. */
    public static final String KEY_PREFIX = "hive.alert.";
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]*");

    public AlertRule {
        checkName(name);
        Objects.requireNonNull(source, key(name, "source") + " is null");
        if (!Double.isFinite(threshold) || threshold < 0) {
            throw new InvalidInputException(key(name, "threshold"), "must be a number of at least 0, was " + threshold);
        }
        if (!Double.isFinite(clear) || clear > threshold) {
            throw new InvalidInputException(key(name, "clear"), "must be a number not above "
                    + key(name, "threshold") + " (" + threshold + "), was " + clear);
        }
        Objects.requireNonNull(window, key(name, "window") + " is null");
        if (window.isNegative() || window.isZero()) {
            throw new InvalidInputException(key(name, "window"), "must be a positive duration, was " + window);
        }
        Objects.requireNonNull(severity, key(name, "severity") + " is null");
    }

    /** The key of one field of the alert {@code name}, e.g. {@code hive.alert.queue-depth.threshold}. */
    public static String key(String name, String field) {
        return KEY_PREFIX + name + "." + field;
    }

    /**
     * Fails unless {@code name} is a valid alert name.
     *
     * @throws InvalidInputException naming the alert's keys
     */
    public static String checkName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new InvalidInputException(KEY_PREFIX + name + ".*",
                    "the alert name must be lower-case letters, digits and '-', starting with a letter or digit");
        }
        return name;
    }
}
