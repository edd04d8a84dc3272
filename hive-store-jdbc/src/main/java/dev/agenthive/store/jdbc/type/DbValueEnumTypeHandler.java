package dev.agenthive.store.jdbc.type;

import dev.agenthive.api.error.InvalidInputException;
import dev.agenthive.api.error.StorageUnavailableException;
import org.apache.ibatis.type.BaseTypeHandler;
import org.apache.ibatis.type.JdbcType;

import java.sql.CallableStatement;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Objects;
import java.util.function.Function;

/**
 * An api enum stored as its lower-case {@code dbValue()}, which is what the schema's CHECK
 * constraints list.
 *
 * @param <E> the enum type
 */
public final class DbValueEnumTypeHandler<E extends Enum<E>> extends BaseTypeHandler<E> {
    private final Function<E, String> toDb;
    private final Function<String, E> fromDb;

    public DbValueEnumTypeHandler(Function<E, String> toDb, Function<String, E> fromDb) {
        this.toDb = Objects.requireNonNull(toDb, "toDb is null");
        this.fromDb = Objects.requireNonNull(fromDb, "fromDb is null");
    }

    @Override
    public void setNonNullParameter(PreparedStatement ps, int i, E parameter, JdbcType jdbcType) throws SQLException {
        ps.setString(i, toDb.apply(parameter));
    }

    @Override
    public E getNullableResult(ResultSet rs, String columnName) throws SQLException {
        return parse(rs.getString(columnName));
    }

    @Override
    public E getNullableResult(ResultSet rs, int columnIndex) throws SQLException {
        return parse(rs.getString(columnIndex));
    }

    @Override
    public E getNullableResult(CallableStatement cs, int columnIndex) throws SQLException {
        return parse(cs.getString(columnIndex));
    }

    private E parse(String value) {
        if (value == null) {
            return null;
        }
        try {
            return fromDb.apply(value);
        } catch (InvalidInputException e) {
            // A stored value outside the enum means the schema's CHECK was bypassed: a storage fault, not bad input.
            throw new StorageUnavailableException("stored value '" + value + "' is not a known enum constant", e);
        }
    }
}
