package dev.agenthive.it.plan;

import org.apache.ibatis.binding.MapperMethod;
import org.apache.ibatis.mapping.BoundSql;
import org.apache.ibatis.mapping.MappedStatement;
import org.apache.ibatis.scripting.defaults.DefaultParameterHandler;
import org.apache.ibatis.session.Configuration;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * One mapped statement of a store's MyBatis configuration, bound to sample parameters exactly as the
 * product binds them: the statement's own dynamic SQL is evaluated against the parameters, and its
 * parameter mappings and type handlers set the values. Plan tests explain what the store really runs,
 * not a copy of its SQL.
 *
 * <p>Parameters are given as the mapper method's {@code @Param} names; like a mapper call, the map
 * refuses names the statement asks for but the caller did not give, so give nulls explicitly.
 */
public final class MapperStatement {
    private final MappedStatement statement;
    private final Object parameters;
    private final BoundSql bound;

    private MapperStatement(MappedStatement statement, Object parameters) {
        this.statement = statement;
        this.parameters = parameters;
        this.bound = statement.getBoundSql(parameters);
    }

    /**
     * Binds a statement.
     *
     * @param configuration the store's MyBatis configuration (database id already chosen)
     * @param id            the statement's full id, e.g. {@code dev.agenthive.store.jdbc.task.TaskMapper.claim}
     * @param namesAndValues {@code @Param} name, value, name, value, ...; values may be null
     */
    public static MapperStatement bind(Configuration configuration, String id, Object... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("names and values come in pairs");
        }
        MapperMethod.ParamMap<Object> parameters = new MapperMethod.ParamMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            parameters.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return new MapperStatement(configuration.getMappedStatement(id), parameters);
    }

    /** The statement's id. */
    public String id() {
        return statement.getId();
    }

    /** The SQL as sent to the driver, with {@code ?} placeholders. */
    public String sql() {
        return bound.getSql();
    }

    /**
     * Prepares {@code prefix} and the statement's query (e.g. {@code "EXPLAIN (FORMAT JSON) "} or
     * {@code "EXPLAIN QUERY PLAN "}) on the connection and sets the parameters through MyBatis'
     * parameter handler. The caller closes the statement.
     *
     * <p>A statement may begin with {@code SET LOCAL} planner settings, each ended by {@code ;}, which
     * the driver sends with the query in one round trip. Those are run here first, as the product runs
     * them, so the query is planned under them; they last until the connection's transaction ends, so
     * a caller explaining such a statement holds a transaction open.
     */
    public PreparedStatement prepare(Connection connection, String prefix) throws SQLException {
        String query = sql().strip();
        while (query.regionMatches(true, 0, "SET LOCAL ", 0, 10)) {
            int end = query.indexOf(';');
            try (Statement setting = connection.createStatement()) {
                setting.execute(query.substring(0, end));
            }
            query = query.substring(end + 1).strip();
        }
        PreparedStatement prepared = connection.prepareStatement(prefix + query);
        try {
            new DefaultParameterHandler(statement, parameters, bound).setParameters(prepared);
        } catch (RuntimeException e) {
            prepared.close();
            throw e;
        }
        return prepared;
    }
}
