package dev.agenthive.store.jdbc;

import dev.agenthive.store.jdbc.event.EventPositions;
import dev.agenthive.store.jdbc.type.EpochMillisInstantTypeHandler;
import dev.agenthive.store.jdbc.type.JsonTextTypeHandler;
import dev.agenthive.api.json.Json;
import org.apache.ibatis.type.TypeHandlerRegistry;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What differs between relational databases: the SQL the shared mappers leave open or that the
 * database runs better its own way (through {@link #overlays()}), column types, and the reading of
 * driver failures. Everything else (mappers, repositories, exception translation) is shared. The
 * defaults read the SQLSTATEs databases share and store instants as epoch milliseconds and JSON as text.
 */
public interface JdbcDialect {

    /**
     * The MyBatis {@code databaseId} of this dialect ({@code "sqlite"}, {@code "postgresql"}), which
     * MyBatis' vendor provider must find for the driver's {@link #databaseProductName()}. A dialect's
     * SQL comes from its {@link #overlays()}, not from {@code databaseId} attributes.
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
     * The mapper overlays that replace shared statements and fragments, or supply the ones the shared
     * mappers leave to each dialect (see the package documentation), applied in order: a later
     * overlay's element replaces an earlier one's. Every dialect has some, since the hooks have no
     * shared SQL; e.g. {@code List.of(MapperOverlay.ON_CONFLICT, MapperOverlay.of("mine", MyDialect.class, "mapper"))}.
     */
    List<MapperOverlay> overlays();

    /**
     * Registers the type handlers of {@link Instant} and {@link Json} columns. The default stores
     * instants as epoch milliseconds ({@code INTEGER}/{@code BIGINT}) and JSON as text.
     */
    default void registerTypeHandlers(TypeHandlerRegistry registry) {
        registry.register(Instant.class, new EpochMillisInstantTypeHandler());
        registry.register(Json.class, new JsonTextTypeHandler());
    }

    /**
     * Whether the JSON-containment fragments ({@code configurationContains}, {@code detailsContain},
     * {@code metadataContains}) answer exactly with {@link JsonContainment}'s rules. A database whose
     * own test is looser (MariaDB's {@code JSON_CONTAINS} lets an array contain a non-array at any
     * depth) returns {@code false}: its fragments must then keep every row that contains the
     * fragment and may keep more, and the repositories check each row in Java, reading on until a
     * page is full.
     */
    default boolean containmentIsExact() {
        return true;
    }

    /**
     * What the database needs besides its {@code EventMapper.insert} to give events positions in commit
     * order ({@code EventMapper.follow}). The default: nothing, the insert assigns them.
     */
    default EventPositions eventPositions() {
        return EventPositions.ASSIGNED_BY_INSERT;
    }

    /**
     * The deepest nesting of arrays and objects the database keeps in a JSON column, if it keeps less
     * than any {@code hive.json.max-depth} one may set: the store then refuses deeper JSON at its port,
     * saying so, instead of letting a schema check refuse it with no reason. The default has no limit
     * of its own.
     */
    default int maxJsonDepth() {
        return Integer.MAX_VALUE;
    }

    /**
     * The finest time unit the database keeps. The store's clock is truncated to it, so that an
     * instant a repository returns equals the one read back later; the default suits epoch millis.
     */
    default Duration timePrecision() {
        return Duration.ofMillis(1);
    }

    /**
     * Classifies a driver failure. The default reads the SQLSTATE ({@link #standardKind}) and asks
     * {@link #violatedConstraint} which constraint refused; a dialect overrides it for the states and
     * vendor codes of its own database, falling back on this one for the rest.
     */
    default SqlFailure classify(SQLException exception) {
        SqlFailure.Kind kind = standardKind(exception.getSQLState());
        return new SqlFailure(kind, kind.isViolation() ? violatedConstraint(exception) : null);
    }

    /**
     * What the driver reports of the constraint a violation broke: its name, or its table and columns.
     * The default knows nothing, so a refusal then names no field.
     */
    default SqlFailure.Constraint violatedConstraint(SQLException exception) {
        return null;
    }

    /**
     * The kind of a failure by SQLSTATE alone, for the codes that databases share: class 23
     * (integrity constraint violation, with the 23502/23503/23505/23514 subclasses most databases
     * report), 40001 (serialization failure) for contention, and unavailability for everything else,
     * including a missing state. Vendor codes (such as PostgreSQL's 40P01 deadlock) are each dialect's.
     */
    static SqlFailure.Kind standardKind(String sqlState) {
        if (sqlState == null) {
            return SqlFailure.Kind.UNAVAILABLE;
        }
        return switch (sqlState) {
            case "23505" -> SqlFailure.Kind.UNIQUE;
            case "23514" -> SqlFailure.Kind.CHECK;
            case "23503" -> SqlFailure.Kind.FOREIGN_KEY;
            case "23502" -> SqlFailure.Kind.NOT_NULL;
            case "40001" -> SqlFailure.Kind.TRANSIENT;
            // Another integrity violation whose kind the state does not tell: the value broke a rule.
            default -> sqlState.startsWith("23") ? SqlFailure.Kind.CHECK : SqlFailure.Kind.UNAVAILABLE;
        };
    }
}
