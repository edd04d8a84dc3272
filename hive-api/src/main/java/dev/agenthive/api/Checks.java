package dev.agenthive.api;

import dev.agenthive.api.error.InvalidInputException;

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
