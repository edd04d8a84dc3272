package dev.agenthive.store.jdbc.type;

import org.apache.ibatis.type.BaseTypeHandler;
import org.apache.ibatis.type.JdbcType;

import java.sql.CallableStatement;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Objects;

/**
 * A value stored as a JSON document. Subclasses say how the value becomes JSON text and back; the
 * {@link JsonBinding} says how the text is bound, which is the one place a JSONB dialect differs
 * (plain text by default, as SQLite stores JSON in TEXT columns checked by {@code json_valid}).
 * A dialect registers instances with its binding; MyBatis then also uses them where a mapper names
 * the handler class explicitly.
 *
 * @param <T> the Java type of the column
 */
public abstract class AbstractJsonTypeHandler<T> extends BaseTypeHandler<T> {
    private final JsonBinding binding;

    /** A handler that binds JSON as text. */
    protected AbstractJsonTypeHandler() {
        this(JsonBinding.TEXT);
    }

    /** A handler that binds JSON as {@code binding} says. */
    protected AbstractJsonTypeHandler(JsonBinding binding) {
        this.binding = Objects.requireNonNull(binding, "binding is null");
    }

    /** The JSON text of a value. */
    protected abstract String toJson(T value);

    /** The value of a JSON text read from the database. */
    protected abstract T fromJson(String json);

    /** Binds JSON text to a statement parameter. */
    protected void bindJson(PreparedStatement ps, int i, String json) throws SQLException {
        binding.bind(ps, i, json);
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
