package dev.agenthive.api;

import dev.agenthive.api.error.InvalidInputException;
import dev.agenthive.api.json.Json;

import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Argument checks shared by the api records' compact constructors. Every failure is an
 * {@link InvalidInputException} naming the field and the rule.
 */
public final class Checks {
    /** Longest identifier, key or name accepted anywhere. */
    public static final int MAX_ID_LENGTH = 255;

    /**
     * The rule every store applies to U+0000: PostgreSQL keeps no NUL in {@code text} and no
     * <code>&#92;u0000</code> in {@code jsonb}, so no store accepts either, and data written through the api
     * copies to every store.
     */
    public static final String NO_NUL_RULE = "must not contain U+0000 (NUL): PostgreSQL cannot store it";

    private static final String NUL_ESCAPE = "\\u0000";

    /**
     * The rule every store applies to JSON numbers: PostgreSQL's {@code jsonb} keeps them as
     * {@code numeric}, which holds at most 131072 digits before the decimal point and 16383 after.
     */
    public static final String NUMBER_RULE = "must not hold a number with more than 131072 digits before the decimal "
            + "point or 16383 after: PostgreSQL cannot store it";

    /**
     * The rule every store applies to unpaired UTF-16 surrogates: PostgreSQL refuses them and a
     * driver encoding to UTF-8 writes {@code ?} instead, so no store would keep the value as given.
     */
    public static final String SURROGATE_RULE = "must not contain an unpaired UTF-16 surrogate (U+D800 to U+DFFF): "
            + "no store keeps it as given";

    private static final int MAX_INTEGER_DIGITS = 131_072;
    private static final int MAX_FRACTION_DIGITS = 16_383;

    private Checks() {
    }

    public static <T> T notNull(T value, String field) {
        if (value == null) {
            throw new InvalidInputException(field, "must not be null");
        }
        return value;
    }

    /** A non-blank text of at most {@link #MAX_ID_LENGTH} characters with no control characters. */
    public static String id(String value, String field) {
        notBlank(value, field);
        if (value.length() > MAX_ID_LENGTH) {
            throw new InvalidInputException(field, "must be at most " + MAX_ID_LENGTH + " characters");
        }
        for (int i = 0; i < value.length(); i++) {
            if (Character.isISOControl(value.charAt(i))) {
                throw new InvalidInputException(field, "must not contain control characters");
            }
        }
        return value;
    }

    /**
     * A free text ({@code null} allowed) that any store can keep: without U+0000 ({@link #NO_NUL_RULE}).
     * Ids need no such check, as {@link #id} refuses every control character.
     */
    public static String text(String value, String field) {
        if (value != null && value.indexOf('\0') >= 0) {
            throw new InvalidInputException(field, NO_NUL_RULE);
        }
        return value;
    }

    /**
     * A JSON value ({@code null} allowed) that any store can keep: neither a raw U+0000 nor the
     * escape <code>&#92;u0000</code> (PostgreSQL's {@code jsonb} refuses it), {@link #NO_NUL_RULE}. The text is
     * scanned, not parsed: an escape is a backslash that an odd run of backslashes ends, which in
     * valid JSON only occurs inside strings. Syntax and limits are checked where the value enters the
     * core or the store.
     */
    public static Json json(Json value, String field) {
        if (value != null && hasNul(value.text())) {
            throw new InvalidInputException(field, NO_NUL_RULE);
        }
        return value;
    }

    /** Whether a JSON text holds U+0000, raw or as the escape <code>&#92;u0000</code>. */
    public static boolean hasNul(String json) {
        if (json.indexOf('\0') >= 0) {
            return true;
        }
        for (int at = json.indexOf(NUL_ESCAPE); at >= 0; at = json.indexOf(NUL_ESCAPE, at + 1)) {
            int backslashes = 1;
            while (at - backslashes >= 0 && json.charAt(at - backslashes) == '\\') {
                backslashes++;
            }
            if (backslashes % 2 == 1) {
                return true;
            }
        }
        return false;
    }

    /**
     * The rule a text breaks that no store keeps as given ({@link #NO_NUL_RULE} or
     * {@link #SURROGATE_RULE}), or {@code null}; for the decoded strings and keys of a JSON value.
     */
    public static String unstorableCharacters(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\0') {
                return NO_NUL_RULE;
            }
            if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                } else {
                    return SURROGATE_RULE;
                }
            }
        }
        return null;
    }

    /**
     * Whether every store can keep a JSON number ({@link #NUMBER_RULE}); {@code number} is the text
     * of a number token as a JSON parser read it. Only an exponent or a very long number needs
     * arithmetic.
     */
    public static boolean storableNumber(String number) {
        if (number.length() <= MAX_FRACTION_DIGITS && number.indexOf('e') < 0 && number.indexOf('E') < 0) {
            return true;
        }
        java.math.BigDecimal value;
        try {
            value = new java.math.BigDecimal(number);
        } catch (NumberFormatException e) {
            // An exponent beyond an int's range, which no store keeps.
            return false;
        }
        return value.scale() <= MAX_FRACTION_DIGITS
                && (value.signum() == 0 || (long) value.precision() - value.scale() <= MAX_INTEGER_DIGITS);
    }

    /** Like {@link #id} but {@code null} is allowed. */
    public static String optionalId(String value, String field) {
        return value == null ? null : id(value, field);
    }

    public static String notBlank(String value, String field) {
        notNull(value, field);
        if (value.isBlank()) {
            throw new InvalidInputException(field, "must not be blank");
        }
        return value;
    }

    public static String maxLength(String value, int max, String field) {
        if (value != null && value.length() > max) {
            throw new InvalidInputException(field, "must be at most " + max + " characters");
        }
        return value;
    }

    public static int positive(int value, String field) {
        if (value <= 0) {
            throw new InvalidInputException(field, "must be positive, was " + value);
        }
        return value;
    }

    public static int between(int value, int min, int max, String field) {
        if (value < min || value > max) {
            throw new InvalidInputException(field, "must be between " + min + " and " + max + ", was " + value);
        }
        return value;
    }

    public static Duration positive(Duration value, String field) {
        notNull(value, field);
        if (value.isZero() || value.isNegative()) {
            throw new InvalidInputException(field, "must be a positive duration, was " + value);
        }
        return value;
    }

    public static Duration notNegative(Duration value, String field) {
        notNull(value, field);
        if (value.isNegative()) {
            throw new InvalidInputException(field, "must not be negative, was " + value);
        }
        return value;
    }

    /** An immutable, order-keeping copy of a set of ids; {@code null} means empty. */
    public static Set<String> idSet(Collection<String> values, String field) {
        if (values == null) {
            return Set.of();
        }
        LinkedHashSet<String> copy = new LinkedHashSet<>();
        int i = 0;
        for (String value : values) {
            copy.add(id(value, field + "[" + i++ + "]"));
        }
        return java.util.Collections.unmodifiableSet(copy);
    }

    /** An immutable copy of a list of ids without duplicates; {@code null} means empty. */
    public static List<String> idList(Collection<String> values, String field) {
        return List.copyOf(idSet(values, field));
    }
}
