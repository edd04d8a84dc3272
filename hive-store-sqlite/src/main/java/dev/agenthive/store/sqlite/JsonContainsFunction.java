package dev.agenthive.store.sqlite;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agenthive.store.jdbc.JsonContainment;
import org.sqlite.Function;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * SQL function {@code hive_json_contains(document, fragment)}: 1 when the JSON document contains the
 * fragment by {@link JsonContainment}'s rules (PostgreSQL's {@code @>}), 0 when not, NULL when either
 * is NULL. SQLite has no containment operator and its JSON1 functions cannot express the rules for
 * nested arrays, so the mappers call this where PostgreSQL uses {@code @>}.
 *
 * <p>One instance per connection, as a connection runs one statement at a time; the parsed fragment
 * is kept, since one query passes the same fragment for every row.
 */
final class JsonContainsFunction extends Function {
    static final String NAME = "hive_json_contains";

    private String fragmentText;
    private JsonNode fragment;

    /** Registers the function on a connection. */
    static void register(Connection connection) throws SQLException {
        Function.create(connection, NAME, new JsonContainsFunction(), 2, Function.FLAG_DETERMINISTIC);
    }

    @Override
    protected void xFunc() throws SQLException {
        String document = value_text(0);
        String wanted = value_text(1);
        if (document == null || wanted == null) {
            result();
            return;
        }
        try {
            if (!wanted.equals(fragmentText)) {
                fragment = JsonContainment.parse(wanted);
                fragmentText = wanted;
            }
            result(JsonContainment.contains(JsonContainment.parse(document), fragment) ? 1 : 0);
        } catch (IllegalArgumentException e) {
            error(NAME + ": " + e.getMessage());
        }
    }
}
