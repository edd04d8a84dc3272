package dev.agenthive.api.event;

import dev.agenthive.api.error.InvalidInputException;

import java.util.Arrays;
import java.util.Locale;

/** Severity of an event, in increasing order. Stored as the lower-case {@link #dbValue()}. */
public enum Severity {
    DEBUG, INFO, WARNING, ERROR, CRITICAL;

    public String dbValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** This severity and every more severe one. */
    public java.util.List<Severity> andAbove() {
        return Arrays.asList(values()).subList(ordinal(), values().length);
    }

    public static Severity parse(String value) {
        if (value != null) {
            for (Severity severity : values()) {
                if (severity.dbValue().equalsIgnoreCase(value.trim())) {
                    return severity;
                }
            }
        }
        throw new InvalidInputException("event.severity", "must be one of "
                + Arrays.stream(values()).map(Severity::dbValue).toList() + ", was '" + value + "'");
    }
}
