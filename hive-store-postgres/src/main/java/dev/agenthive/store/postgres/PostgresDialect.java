package dev.agenthive.store.postgres;

import dev.agenthive.api.json.Json;
import dev.agenthive.store.jdbc.JdbcDialect;
import dev.agenthive.store.jdbc.MapperOverlay;
import dev.agenthive.store.jdbc.SqlFailure;
import dev.agenthive.store.jdbc.event.EventPositions;
import dev.agenthive.store.jdbc.type.JsonBinding;
import dev.agenthive.store.jdbc.type.JsonTextTypeHandler;
import dev.agenthive.store.jdbc.type.StringListTypeHandler;
import dev.agenthive.store.jdbc.type.StringSetTypeHandler;
import org.apache.ibatis.session.SqlSession;
import org.apache.ibatis.type.JdbcType;
import org.apache.ibatis.type.TypeHandlerRegistry;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * PostgreSQL's part of the relational adapter: its database id, its migrations and mapper overlays, instants as
 * {@code timestamptz}, JSON bound untyped so that {@code jsonb} columns take it, booleans as the
 * integer flags the shared schema uses, and the reading of PostgreSQL's error fields (which name
 * the violated constraint and its table directly).
 */
public final class PostgresDialect implements JdbcDialect {
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

    /**
     * The kit's ON CONFLICT upserts, then PostgreSQL's own mappers in {@code mapper/}: jsonb
     * containment ({@code @>}, served by the GIN indexes), shared locks on a new task's dependencies,
     * and the claim as one {@code FOR UPDATE SKIP LOCKED} statement.
     */
    @Override
    public List<MapperOverlay> overlays() {
        return List.of(MapperOverlay.ON_CONFLICT, MapperOverlay.of("postgresql", PostgresDialect.class, "mapper"));
    }

    /**
     * Events are ordered by (transaction id, sequence), both column defaults; a copy's explicit seq
     * raises the sequence, so that seq stays unique in the store and a copy out of it keeps every event.
     */
    @Override
    public EventPositions eventPositions() {
        return new EventPositions() {
            @Override
            public void raiseAboveStored(SqlSession session) {
                session.getMapper(PostgresControlMapper.class).raiseEventSequence();
            }
        };
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

    /**
     * PostgreSQL's own states on top of the standard ones: deadlocks (40P01) and lock timeouts (55P03)
     * are contention, and malformed jsonb input (22P02, 22P05) is a refused value, whose field the
     * repositories' own JSON checks name before the server sees it.
     */
    @Override
    public SqlFailure classify(SQLException exception) {
        String state = exception.getSQLState();
        if ("40P01".equals(state) || "55P03".equals(state)) {
            return SqlFailure.of(SqlFailure.Kind.TRANSIENT);
        }
        if ("22P02".equals(state) || "22P05".equals(state)) {
            return SqlFailure.of(SqlFailure.Kind.CHECK);
        }
        return JdbcDialect.super.classify(exception);
    }

    /** The server names the constraint and its table, and the column of a NOT NULL violation. */
    @Override
    public SqlFailure.Constraint violatedConstraint(SQLException exception) {
        ServerErrorMessage server = exception instanceof PSQLException psql ? psql.getServerErrorMessage() : null;
        if (server == null) {
            return null;
        }
        return new SqlFailure.Constraint(server.getConstraint(), server.getTable(),
                server.getColumn() == null ? List.of() : List.of(server.getColumn()));
    }
}
