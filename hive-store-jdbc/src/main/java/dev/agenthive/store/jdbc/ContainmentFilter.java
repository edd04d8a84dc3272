package dev.agenthive.store.jdbc;

import dev.agenthive.api.json.Json;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The JSON-fragment queries' last word where the SQL pre-filter is looser than
 * {@link JsonContainment} ({@link JdbcDialect#containmentIsExact()}): rows the database kept are
 * checked again in Java, and since that can empty a page, the query reads on from the last row it
 * saw until the page is full or the rows run out. Where the SQL is exact, the check keeps every row
 * and one read fills the page, as it did before.
 */
public final class ContainmentFilter {
    private final boolean exact;

    private ContainmentFilter(boolean exact) {
        this.exact = exact;
    }

    /** The filter of a dialect's stores. */
    public static ContainmentFilter of(JdbcDialect dialect) {
        return new ContainmentFilter(dialect.containmentIsExact());
    }

    /** The check of the documents the SQL kept for {@code fragment}; keeps all where the SQL is exact. */
    public Predicate<Json> containing(Json fragment) {
        return exact || fragment == null ? document -> true : JsonContainment.containing(fragment);
    }

    /**
     * Reads up to {@code wanted} rows that {@code keep} accepts, in the order of a keyset query.
     *
     * @param wanted the rows a full page has
     * @param after  the key the first read starts after, {@code null} for the start
     * @param read   reads up to the given number of rows after the given key, in key order
     * @param keyOf  the key of a row, where the next read starts
     * @param keep   the check of each row read
     * @param <R>    the row type
     * @param <K>    the key type
     */
    public static <R, K> List<R> read(int wanted, K after, BiFunction<K, Integer, List<R>> read,
                                      Function<R, K> keyOf, Predicate<R> keep) {
        if (wanted < 1) {
            throw new IllegalArgumentException("wanted must be at least 1: " + wanted);
        }
        List<R> kept = new ArrayList<>();
        K from = after;
        while (true) {
            List<R> rows = read.apply(from, wanted);
            for (R row : rows) {
                if (keep.test(row)) {
                    kept.add(row);
                    if (kept.size() == wanted) {
                        return kept;
                    }
                }
            }
            if (rows.size() < wanted) {
                return kept;
            }
            from = keyOf.apply(rows.get(rows.size() - 1));
        }
    }
}
