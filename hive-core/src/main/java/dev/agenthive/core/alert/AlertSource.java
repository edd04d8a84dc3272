package dev.agenthive.core.alert;

import dev.agenthive.api.error.InvalidInputException;

import java.util.Objects;

/**
 * Where an alert rule reads its value: {@code query:<name>}, one of the {@link AlertQuery} counts over
 * the store, or {@code meter:<name>}, the meters of that name in the hive's Micrometer registry.
 *
 * @param kind which of the two
 * @param name the query's or the meter's name
 */
public record AlertSource(Kind kind, String name) {
    private static final String QUERY_PREFIX = "query:";
    private static final String METER_PREFIX = "meter:";

    public AlertSource {
        Objects.requireNonNull(kind, "kind is null");
        Objects.requireNonNull(name, "name is null");
    }

    /** The two kinds of source. */
    public enum Kind {
        /** A count over the store, the same for every process. */
        QUERY,
        /** A meter of this process's registry. */
        METER
    }

    /**
     * Reads {@code query:<name>} or {@code meter:<name>}.
     *
     * @param key the configuration key it was set under, named by the failure
     * @throws InvalidInputException any other form, an unknown query, or a blank meter name
     */
    public static AlertSource parse(String text, String key) {
        String value = text.trim();
        if (value.startsWith(QUERY_PREFIX)) {
            return new AlertSource(Kind.QUERY, AlertQuery.named(value.substring(QUERY_PREFIX.length()), key).queryName());
        }
        if (value.startsWith(METER_PREFIX)) {
            String meter = value.substring(METER_PREFIX.length()).trim();
            if (meter.isEmpty()) {
                throw new InvalidInputException(key, "must name a meter after 'meter:', was '" + text + "'");
            }
            return new AlertSource(Kind.METER, meter);
        }
        throw new InvalidInputException(key, "must be query:<name> (one of " + AlertQuery.names()
                + ") or meter:<Micrometer meter name>, was '" + text + "'");
    }

    /** The query this source names; only for {@link Kind#QUERY}. */
    AlertQuery query() {
        return AlertQuery.named(name, "source");
    }

    /** As configured, e.g. {@code query:queue.depth}. */
    @Override
    public String toString() {
        return (kind == Kind.QUERY ? QUERY_PREFIX : METER_PREFIX) + name;
    }
}
