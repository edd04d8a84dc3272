package dev.agenthive.api.transfer;

import dev.agenthive.api.Checks;
import dev.agenthive.api.error.InvalidInputException;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One table of a store's layout: its columns in a fixed order (every row is a list of values in that
 * order), the columns that identify a row, and the column naming a parent row of the same table if
 * rows form a hierarchy (a parent must be written before its children).
 *
 * @param name         the table's name, the same in every store
 * @param columns      the columns, in the order of a row's values
 * @param key          the names of the columns that identify a row (one row per key)
 * @param parentColumn the column that names another row of this table by its one-column key, if any
 */
public record TableSpec(String name, List<Column> columns, List<String> key, Optional<String> parentColumn) {
    public TableSpec {
        Checks.notBlank(name, "name");
        columns = List.copyOf(Checks.notNull(columns, "columns"));
        key = List.copyOf(Checks.notNull(key, "key"));
        Checks.notNull(parentColumn, "parentColumn");
        if (columns.isEmpty() || key.isEmpty()) {
            throw new InvalidInputException("columns", "table " + name + " needs at least one column and one key column");
        }
        for (String column : key) {
            indexIn(columns, column, name);
        }
        if (parentColumn.isPresent() && (key.size() != 1 || indexIn(columns, parentColumn.get(), name) < 0)) {
            throw new InvalidInputException("parentColumn", "table " + name
                    + " can name a parent only by a one-column key");
        }
    }

    /** The position of {@code column} in a row. */
    public int index(String column) {
        return indexIn(columns, column, name);
    }

    /** The values of {@code row} that identify it, in {@link #key()} order. */
    public List<Object> keyOf(List<Object> row) {
        List<Object> values = new ArrayList<>(key.size());
        for (String column : key) {
            values.add(row.get(index(column)));
        }
        return values;
    }

    private static int indexIn(List<Column> columns, String column, String table) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equals(column)) {
                return i;
            }
        }
        throw new InvalidInputException("column", "table " + table + " has no column " + column);
    }
}
