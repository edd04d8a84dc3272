package dev.agenthive.store.postgres;

import dev.agenthive.api.json.Json;
import dev.agenthive.store.jdbc.JdbcDialect;
import dev.agenthive.store.jdbc.SqlFailure;
import dev.agenthive.store.jdbc.type.JsonBinding;
import dev.agenthive.store.jdbc.type.JsonTextTypeHandler;
import dev.agenthive.store.jdbc.type.StringListTypeHandler;
import dev.agenthive.store.jdbc.type.StringSetTypeHandler;
import org.apache.ibatis.type.JdbcType;
import org.apache.ibatis.type.TypeHandlerRegistry;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.StringJoiner;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PostgreSQL's part of the relational adapter: its database id, its migrations, instants as
 * {@code timestamptz}, JSON bound untyped so that {@code jsonb} columns take it, booleans as the
 * integer flags the shared schema uses, and the reading of PostgreSQL's error fields (which name
 * the violated constraint, its table and column directly).
 */
public final class PostgresDialect implements JdbcDialect {
    /** {@code Key (a, b)=(...) already exists.}: the columns of a unique violation. */
    private static final Pattern KEY_COLUMNS = Pattern.compile("^Key \\((.+?)\\)=\\(");

    @Override
    public String databaseId() {
        return "postgresql";
    }

    @Override
    public String databaseProductName() {
        return "PostgreSQL";
    }

    @Override
    public String migrationLocation() {
        return "classpath:db/migration/postgresql";
    }

    @Override
    public void registerTypeHandlers(TypeHandlerRegistry registry) {
        registry.register(Instant.class, new TimestamptzInstantTypeHandler());
        registry.register(Json.class, new JsonTextTypeHandler(JsonBinding.UNTYPED));
        // Mapper parameters name these handler classes; MyBatis resolves such a name to the instance
        // registered for it. Registered under JdbcType.OTHER only, so no other Set or List is touched.
        registry.register(Set.class, JdbcType.OTHER, new StringSetTypeHandler(JsonBinding.UNTYPED));
        registry.register(List.class, JdbcType.OTHER, new StringListTypeHandler(JsonBinding.UNTYPED));
        registry.register(Boolean.class, new IntegerFlagTypeHandler());
        registry.register(boolean.class, new IntegerFlagTypeHandler());
    }

    @Override
    public SqlFailure classify(SQLException exception) {
        String state = exception.getSQLState();
        ServerErrorMessage server = exception instanceof PSQLException psql ? psql.getServerErrorMessage() : null;
        if (state == null) {
            return new SqlFailure(SqlFailure.Kind.UNAVAILABLE, null);
        }
        return switch (state) {
            case "23505" -> new SqlFailure(SqlFailure.Kind.UNIQUE, uniqueKey(server));
            case "23514" -> new SqlFailure(SqlFailure.Kind.CHECK, server == null ? null : server.getConstraint());
            case "23503" -> new SqlFailure(SqlFailure.Kind.FOREIGN_KEY, server == null ? null : server.getConstraint());
            case "23502" -> new SqlFailure(SqlFailure.Kind.NOT_NULL, server == null || server.getColumn() == null
                    ? null : server.getTable() + "." + server.getColumn());
            // Malformed jsonb input: the server names no column, the store's own checks name the field first.
            case "22P02", "22P05" -> new SqlFailure(SqlFailure.Kind.CHECK, null);
            case "40001", "40P01", "55P03" -> new SqlFailure(SqlFailure.Kind.TRANSIENT, null);
            default -> new SqlFailure(SqlFailure.Kind.UNAVAILABLE, null);
        };
    }

    /**
     * The violated key as {@code table.column, table.column} (the form SQLite reports, which
     * {@link dev.agenthive.store.jdbc.SchemaConstraints} maps), or the index name where the key is
     * an expression.
     */
    private static String uniqueKey(ServerErrorMessage server) {
        if (server == null) {
            return null;
        }
        String detail = server.getDetail();
        Matcher matcher = detail == null ? null : KEY_COLUMNS.matcher(detail);
        if (matcher == null || !matcher.find() || server.getTable() == null) {
            return server.getConstraint();
        }
        StringJoiner columns = new StringJoiner(", ");
        for (String column : matcher.group(1).split(",")) {
            String name = column.trim();
            if (!name.matches("[a-z_][a-z0-9_]*")) {
                return server.getConstraint();
            }
            columns.add(server.getTable() + "." + name);
        }
        return columns.toString();
    }
}
