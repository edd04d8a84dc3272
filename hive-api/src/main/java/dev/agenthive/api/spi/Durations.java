package dev.agenthive.api.spi;

import dev.agenthive.api.error.InvalidInputException;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one grammar of every duration-valued configuration key, the core's ({@code hive.task.lease})
 * and a provider's ({@code hive.sqlite.busy-timeout}) alike, so that a value means the same
 * wherever it is written. Accepted, case-insensitive, surrounding blanks ignored:
 * <ul>
 *   <li>a whole number with one unit: {@code 500ms}, {@code 30s}, {@code 5m}, {@code 2h}, {@code 1d};</li>
 *   <li>ISO-8601 as {@link Duration#parse} reads it: {@code PT30S}, {@code PT1M30S}, {@code P1D};</li>
 *   <li>{@code 0}, the only number that needs no unit.</li>
 * </ul>
 * Any other number without a unit is refused rather than guessed (milliseconds? seconds?), and so
 * are negative durations. Range checks (at least one second, say) are the reader's, after parsing.
 */
public final class Durations {
    private static final Pattern WITH_UNIT = Pattern.compile("(\\d{1,18})(ms|s|m|h|d)");

    private Durations() {
    }

    /**
     * Parses the value of {@code key}.
     *
     * @param key  the configuration key, named by the exception
     * @param text the value as written; {@code null} is malformed
     * @throws InvalidInputException naming {@code key} when the text is malformed or negative
     */
    public static Duration parse(String key, String text) {
        String value = text == null ? "" : text.trim();
        if (value.startsWith("-")) {
            throw negative(key, text);
        }
        if (value.equals("0")) {
            return Duration.ZERO;
        }
        Matcher matcher = WITH_UNIT.matcher(value.toLowerCase(Locale.ROOT));
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
                throw negative(key, text);
            }
            return duration;
        } catch (DateTimeParseException | ArithmeticException e) {
            throw new InvalidInputException(key, "must be a duration such as PT30S, 500ms, 30s, 5m, 2h or 1d, was '"
                    + text + "'", e);
        }
    }

    /** The shortest text {@link #parse} reads back as {@code duration}, e.g. {@code 90s} or {@code PT0.000001S}. */
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

    private static InvalidInputException negative(String key, String text) {
        return new InvalidInputException(key, "must not be negative, was '" + text + "'");
    }
}
