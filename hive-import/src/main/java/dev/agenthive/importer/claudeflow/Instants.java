package dev.agenthive.importer.claudeflow;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.regex.Pattern;

/**
 * The instants claude-flow writes, in every encoding it uses: SQLite's {@code CURRENT_TIMESTAMP}
 * text ({@code 2026-12-06 13:21:08}, UTC), ISO-8601 from JavaScript's {@code toISOString()}, epoch
 * seconds ({@code strftime('%s','now')}) and epoch milliseconds ({@code Date.now()}), sometimes
 * several in one column.
 */
final class Instants {

    /**
     * Numbers below this are epoch seconds, from it on epoch milliseconds: 10^11 seconds is the
     * year 5138, 10^11 milliseconds is March 1973, before claude-flow existed.
     */
    private static final long SECONDS_BELOW = 100_000_000_000L;

    private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?");
    private static final DateTimeFormatter SQLITE_TEXT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss[.SSS]");

    private Instants() {
    }

    /**
     * The instant {@code value} encodes, at millisecond precision, or {@code null} for SQL NULL and
     * empty text.
     *
     * @throws IllegalArgumentException {@code value} is no instant in any of the encodings
     */
    static Instant parse(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Number number) {
            return fromEpochNumber(new BigDecimal(number.toString()));
        }
        String text = value.toString().trim();
        if (text.isEmpty()) {
            return null;
        }
        if (NUMBER.matcher(text).matches()) {
            return fromEpochNumber(new BigDecimal(text));
        }
        try {
            return LocalDateTime.parse(text, SQLITE_TEXT).toInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.MILLIS);
        } catch (DateTimeParseException notSqliteText) {
            try {
                return OffsetDateTime.parse(text).toInstant().truncatedTo(ChronoUnit.MILLIS);
            } catch (DateTimeParseException notIso) {
                throw new IllegalArgumentException("'" + text + "' is no time claude-flow writes");
            }
        }
    }

    private static Instant fromEpochNumber(BigDecimal number) {
        BigDecimal millis = number.abs().compareTo(BigDecimal.valueOf(SECONDS_BELOW)) < 0
                ? number.movePointRight(3) : number;
        return Instant.ofEpochMilli(millis.longValue());
    }
}
