package dev.agenthive.api.transfer;

import dev.agenthive.api.Checks;

/**
 * One column of a {@link TableSpec}.
 *
 * @param name     the column's name, the same in every store
 * @param type     what it holds
 * @param nullable whether a row may hold no value in it
 */
public record Column(String name, ColumnType type, boolean nullable) {
    public Column {
        Checks.notBlank(name, "name");
        Checks.notNull(type, "type");
    }

    /** A column every row fills. */
    public static Column required(String name, ColumnType type) {
        return new Column(name, type, false);
    }

    /** A column a row may leave empty. */
    public static Column optional(String name, ColumnType type) {
        return new Column(name, type, true);
    }
}
