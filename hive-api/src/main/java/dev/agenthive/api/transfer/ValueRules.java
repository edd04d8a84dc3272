package dev.agenthive.api.transfer;

import java.util.Optional;

/**
 * What a kind of store cannot hold exactly, told before anything is written: a copy reports such
 * a row as refused, with the reason, instead of failing half-way or, worse, storing a different
 * value (PostgreSQL's {@code jsonb} keeps only the last of duplicate keys).
 */
@FunctionalInterface
public interface ValueRules {

    /** Rules that refuse nothing. */
    ValueRules NONE = (column, value) -> Optional.empty();

    /**
     * Why the store cannot hold {@code value} in {@code column} exactly, or empty when it can.
     *
     * @param value a non-null value of the column's {@link ColumnType}
     */
    Optional<String> refusal(Column column, Object value);
}
