package dev.agenthive.store.jdbc;

import dev.agenthive.store.jdbc.type.EpochMillisInstantTypeHandler;
import dev.agenthive.store.jdbc.type.JsonTextTypeHandler;
import dev.agenthive.api.json.Json;
import org.apache.ibatis.type.TypeHandlerRegistry;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;

/**
 * The few things that differ between relational databases. Everything else (mappers, repositories,
 * exception translation) is shared. The defaults follow the SQL standard's SQLSTATE classes and
 * store instants as epoch milliseconds and JSON as text.
 */
public interface JdbcDialect {

    /**
     * The MyBatis {@code databaseId} of this dialect ({@code "sqlite"}, {@code "postgresql"}); mapper
     * statements and SQL fragments carrying this id override the shared ones.
     */
    String databaseId();

    /**
     * The product name the JDBC driver reports through {@code DatabaseMetaData.getDatabaseProductName()},
     * used by MyBatis' vendor database-id provider to confirm the dialect matches the database.
     */
    String databaseProductName();

    /** Classpath location of this dialect's Flyway migrations, e.g. {@code classpath:db/migration/sqlite}. */
    String migrationLocation();

    /**
     * Registers the type handlers of {@link Instant} and {@link Json} columns. The default stores
     * instants as epoch milliseconds ({@code INTEGER}/{@code BIGINT}) and JSON as text.
     */
    default void registerTypeHandlers(TypeHandlerRegistry registry) {
        registry.register(Instant.class, new EpochMillisInstantTypeHandler());
        registry.register(Json.class, new JsonTextTypeHandler());
    }

    /**
     * The finest time unit the database keeps. The store's clock is truncated to it, so that an
     * instant a repository returns equals the one read back later; the default suits epoch millis.
     */
    default Duration timePrecision() {
        return Duration.ofMillis(1);
    }

    /** Classifies a driver failure; the default reads the standard SQLSTATE. */
    default SqlFailure classify(SQLException exception) {
        String state = exception.getSQLState();
        if (state == null) {
            return new SqlFailure(SqlFailure.Kind.UNAVAILABLE, null);
        }
        return switch (state) {
            case "23505" -> new SqlFailure(SqlFailure.Kind.UNIQUE, null);
            case "23514" -> new SqlFailure(SqlFailure.Kind.CHECK, null);
            case "23503" -> new SqlFailure(SqlFailure.Kind.FOREIGN_KEY, null);
            case "23502" -> new SqlFailure(SqlFailure.Kind.NOT_NULL, null);
            case "40001", "40P01", "55P03" -> new SqlFailure(SqlFailure.Kind.TRANSIENT, null);
            default -> new SqlFailure(SqlFailure.Kind.UNAVAILABLE, null);
        };
    }
}
