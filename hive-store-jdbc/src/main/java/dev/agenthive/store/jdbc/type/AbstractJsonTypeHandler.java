package dev.agenthive.store.jdbc.type;

import org.apache.ibatis.type.BaseTypeHandler;
import org.apache.ibatis.type.JdbcType;

import java.sql.CallableStatement;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * A value stored as a JSON document. Subclasses say how the value becomes JSON text and back;
 * {@link #bindJson} says how the text is bound, which is the one place a JSONB dialect differs
 * (plain text here, as SQLite stores JSON in TEXT columns checked by {@code json_valid}).
 *
 * @param <T> the Java type of the column
 */
public abstract class AbstractJsonTypeHandler<T> extends BaseTypeHandler<T> {

    /** The JSON text of a value. */
    protected abstract String toJson(T value);

    /** The value of a JSON text read from the database. */
    protected abstract T fromJson(String json);

    /** Binds JSON text to a statement parameter. */
    protected void bindJson(PreparedStatement ps, int i, String json) throws SQLException {
        ps.setString(i, json);
    }

    @Override
    public final void setNonNullParameter(PreparedStatement ps, int i, T parameter, JdbcType jdbcType) throws SQLException {
        bindJson(ps, i, toJson(parameter));
    }

    @Override
    public final T getNullableResult(ResultSet rs, String columnName) throws SQLException {
        String text = rs.getString(columnName);
        return text == null ? null : fromJson(text);
    }

    @Override
    public final T getNullableResult(ResultSet rs, int columnIndex) throws SQLException {
        String text = rs.getString(columnIndex);
        return text == null ? null : fromJson(text);
    }

    @Override
    public final T getNullableResult(CallableStatement cs, int columnIndex) throws SQLException {
        String text = cs.getString(columnIndex);
        return text == null ? null : fromJson(text);
    }
}
