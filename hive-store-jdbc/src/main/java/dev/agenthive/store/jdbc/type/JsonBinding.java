package dev.agenthive.store.jdbc.type;

import dev.agenthive.store.jdbc.JsonContainment;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;

/**
 * How JSON text is bound to a statement parameter: the one place a JSONB database differs from one
 * that keeps JSON in text columns.
 */
public enum JsonBinding {
    /** As a character string, for JSON kept in text columns (SQLite). */
    TEXT {
        @Override
        void bind(PreparedStatement ps, int i, String json) throws SQLException {
            ps.setString(i, json);
        }
    },
    /**
     * As an untyped literal that the database converts to the column's type, for {@code jsonb}
     * columns (PostgreSQL), which refuse a {@code varchar} parameter.
     */
    UNTYPED {
        @Override
        void bind(PreparedStatement ps, int i, String json) throws SQLException {
            ps.setObject(i, json, Types.OTHER);
        }
    },
    /**
     * As text rewritten by Jackson, for JSON kept in text columns of a database whose JSON functions
     * compare strings as written (MariaDB's {@code JSON_CONTAINS} tells {@code "\u00e9"} from
     * {@code "é"}): escapes are decoded where JSON allows, whitespace goes, numbers keep their digits.
     */
    CANONICAL_TEXT {
        @Override
        void bind(PreparedStatement ps, int i, String json) throws SQLException {
            ps.setString(i, JsonContainment.canonical(json));
        }
    };

    abstract void bind(PreparedStatement ps, int i, String json) throws SQLException;
}
