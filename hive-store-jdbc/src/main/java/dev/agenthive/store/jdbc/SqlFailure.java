package dev.agenthive.store.jdbc;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * What a driver failure means, as classified by a {@link JdbcDialect}.
 *
 * @param kind       the category of the failure
 * @param constraint what the database told of the violated constraint, or {@code null} when it told
 *                   nothing (or the failure is no constraint violation)
 */
public record SqlFailure(Kind kind, Constraint constraint) {

    /** Categories a store reacts to differently. */
    public enum Kind {
        /** A unique or primary-key index refused a duplicate. */
        UNIQUE,
        /** A CHECK constraint failed, or the database refused a value for a column's type. */
        CHECK,
        /** A foreign key points at a missing row. */
        FOREIGN_KEY,
        /** A NOT NULL column got a null. */
        NOT_NULL,
        /** Lock contention (busy, locked, serialization failure): the transaction may be retried. */
        TRANSIENT,
        /** Anything else: I/O error, full disk, corruption, closed connection. */
        UNAVAILABLE;

        /** Whether the failure is a constraint's refusal, which may name the constraint. */
        public boolean isViolation() {
            return this == UNIQUE || this == CHECK || this == FOREIGN_KEY || this == NOT_NULL;
        }
    }

    public SqlFailure {
        Objects.requireNonNull(kind, "kind is null");
    }

    /** A failure the database said nothing more of. */
    public static SqlFailure of(Kind kind) {
        return new SqlFailure(kind, null);
    }

    /**
     * The identity of a violated constraint, as much of it as the database reports; every part may be
     * null. Databases differ in what they report: PostgreSQL and MySQL name the constraint or index
     * (and PostgreSQL its table); SQLite names a CHECK, and for a unique or NOT NULL violation the
     * table and columns instead (the index's name only when it is over expressions).
     * {@link SchemaConstraints} finds the api field by name first, then by table and columns.
     *
     * @param name    the constraint's or index's name as the schema declares it
     * @param table   the table
     * @param columns the constrained columns, in index order; empty when not reported
     */
    public record Constraint(String name, String table, List<String> columns) {

        public Constraint {
            columns = columns == null ? List.of() : List.copyOf(columns);
        }

        /** A constraint known by name only. */
        public static Constraint named(String name) {
            return new Constraint(name, null, List.of());
        }

        /** A constraint known by its table and columns only. */
        public static Constraint onColumns(String table, List<String> columns) {
            return new Constraint(null, table, columns);
        }

        /** The name, else {@code table.column, table.column}, else {@code null}: for messages. */
        public String describe() {
            if (name != null) {
                return name;
            }
            if (table == null || columns.isEmpty()) {
                return null;
            }
            return columns.stream().map(column -> table + "." + column).collect(Collectors.joining(", "));
        }
    }
}
