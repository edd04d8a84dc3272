package dev.agenthive.store.jdbc;

import java.util.Objects;

/**
 * What a driver failure means, as classified by a {@link JdbcDialect}.
 *
 * @param kind       the category of the failure
 * @param constraint the violated constraint's name (or {@code table.column} for unique and not-null
 *                   violations where the database names no constraint), or {@code null} if unknown
 */
public record SqlFailure(Kind kind, String constraint) {

    /** Categories a store reacts to differently. */
    public enum Kind {
        /** A unique or primary-key index refused a duplicate. */
        UNIQUE,
        /** A CHECK constraint failed. */
        CHECK,
        /** A foreign key points at a missing row. */
        FOREIGN_KEY,
        /** A NOT NULL column got a null. */
        NOT_NULL,
        /** Lock contention (busy, locked, serialization failure): the transaction may be retried. */
        TRANSIENT,
        /** Anything else: I/O error, full disk, corruption, closed connection. */
        UNAVAILABLE
    }

    public SqlFailure {
        Objects.requireNonNull(kind, "kind is null");
    }
}
