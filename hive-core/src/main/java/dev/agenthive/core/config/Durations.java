package dev.agenthive.core.config;

import dev.agenthive.api.error.InvalidInputException;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses configuration durations: ISO-8601 ({@code PT30S}, {@code P1D}) or a whole number with one
 * unit ({@code 500ms}, {@code 30s}, {@code 5m}, {@code 2h}, {@code 1d}). A bare {@code 0} is zero.
 */
public final class Durations {
    private static final Pattern SHORT = Pattern.compile("(\\d{1,18})(ms|s|m|h|d)");

    private Durations() {
    }

    /**
     * Parses {@code text} for {@code key}.
     *
     * @throws InvalidInputException naming the key when the text is malformed or negative
     */
    public static Duration parse(String key, String text) {
        String value = text == null ? "" : text.trim();
        if (value.startsWith("-")) {
            throw new InvalidInputException(key, "must not be negative, was '" + text + "'");
        }
        if (value.equals("0")) {
            return Duration.ZERO;
        }
        Matcher matcher = SHORT.matcher(value.toLowerCase(Locale.ROOT));
        try {
            if (matcher.matches()) {
                long amount = Long.parseLong(matcher.group(1));
                return switch (matcher.group(2)) {
                    case "ms" -> Duration.ofMillis(amount);
                    case "s" -> Duration.ofSeconds(amount);
                    case "m" -> Duration.ofMinutes(amount);
                    case "h" -> Duration.ofHours(amount);
                    default -> Duration.ofDays(amount);
                };
            }
            Duration duration = Duration.parse(value.toUpperCase(Locale.ROOT));
            if (duration.isNegative()) {
                throw new InvalidInputException(key, "must not be negative, was '" + text + "'");
            }
            return duration;
        } catch (DateTimeParseException | ArithmeticException e) {
            throw new InvalidInputException(key, "must be a duration such as PT30S, 500ms, 30s, 5m, 2h or 1d, was '"
                    + text + "'", e);
        }
    }

    /** The shortest text {@link #parse} reads back as {@code duration}. */
    public static String format(Duration duration) {
        if (duration.isZero()) {
            return "0";
        }
        if (duration.getNano() % 1_000_000 == 0 && duration.getSeconds() < Long.MAX_VALUE / 1000) {
            long millis = duration.toMillis();
            if (millis % 86_400_000L == 0) {
                return millis / 86_400_000L + "d";
            }
            if (millis % 3_600_000L == 0) {
                return millis / 3_600_000L + "h";
            }
            if (millis % 60_000L == 0) {
                return millis / 60_000L + "m";
            }
            if (millis % 1_000L == 0) {
                return millis / 1_000L + "s";
            }
            return millis + "ms";
        }
        return duration.toString();
    }
}
