package dev.agenthive.store.mariadb;

import dev.agenthive.api.json.Json;
import dev.agenthive.store.jdbc.JdbcDialect;
import dev.agenthive.store.jdbc.MapperOverlay;
import dev.agenthive.store.jdbc.SqlFailure;
import dev.agenthive.store.jdbc.event.EventPositions;
import dev.agenthive.store.jdbc.type.JsonBinding;
import dev.agenthive.store.jdbc.type.JsonTextTypeHandler;
import org.apache.ibatis.session.SqlSession;
import org.apache.ibatis.type.TypeHandlerRegistry;

import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * MariaDB's part of the relational adapter: its database id, its migrations, its mapper overlays, and
 * the reading of its errors. Instants are epoch milliseconds and JSON is text (the kit's defaults),
 * flags are 0/1 integers, which MariaDB fills from a boolean parameter.
 *
 * <h2>Statements</h2>
 * MariaDB has {@code INSERT ... RETURNING} but no {@code UPDATE ... RETURNING}: the overlays send an
 * UPDATE and the SELECT of the rows it changed as one multi-statement round trip (the store's URL
 * turns on {@code allowMultiQueries}). Upserts are {@code INSERT ... ON DUPLICATE KEY UPDATE}, used
 * only on tables whose sole unique key is the conflict key, since it fires on any unique key; the
 * task enqueue with an idempotency key inserts only where no task holds the key instead. Never
 * {@code INSERT IGNORE}, which turns CHECK, foreign key and NOT NULL errors into warnings. Claims lock
 * their candidates with {@code FOR UPDATE SKIP LOCKED} in the order of {@code tasks_claim_idx}.
 * JSON containment is {@code JSON_CONTAINS} with the top-level shape checks of {@code jsonb @>};
 * MariaDB lets an array contain a non-array value at any depth, which PostgreSQL allows only for a
 * scalar at the top level, so the SQL keeps a superset and the kit checks each row in Java
 * ({@link #containmentIsExact()}). JSON is written as Jackson writes it, since {@code JSON_CONTAINS}
 * compares strings without decoding their escapes.
 *
 * <h2>Isolation</h2>
 * The kit's levels, which mean on InnoDB: row-locked writes (claims, transitions, enqueues,
 * deliveries, puts) at READ COMMITTED, where a locking read takes no gap locks (at REPEATABLE READ a
 * claim's {@code SKIP LOCKED} scan locked gaps of the claim index, and enqueues into them waited for
 * the lock timeout); other writes SERIALIZABLE, which InnoDB implements with locking reads only, so a
 * check-then-write cannot interleave with another and conflicts end in a deadlock that the server
 * breaks at once and the executor retries; reads REPEATABLE READ, one consistent snapshot.
 *
 * <h2>Errors</h2>
 * Every integrity error is SQLSTATE 23000; the vendor code tells them apart, and the message names
 * the constraint (a primary key as {@code PRIMARY}, whose table the statement in the message names).
 */
public final class MariaDbDialect implements JdbcDialect {
    private static final Pattern QUOTED = Pattern.compile("(?:CONSTRAINT|for key|Column) [`']([^`']+)[`']");
    private static final Pattern TABLE = Pattern.compile("(?i)(?:INSERT\\s+INTO|UPDATE)\\s+`?(\\w+)");
    private static final Pattern COLUMN = Pattern.compile("column '([^']+)'");
    /** A clash on this key means a racing enqueue of the same key committed: running again finds its task. */
    private static final String TASK_IDEMPOTENCY_KEY = "tasks_idempotency_key_uq";

    @Override
    public String databaseId() {
        return "mariadb";
    }

    @Override
    public String databaseProductName() {
        return "MariaDB";
    }

    @Override
    public String migrationLocation() {
        return "classpath:db/migration/mariadb";
    }

    @Override
    public List<MapperOverlay> overlays() {
        return List.of(MapperOverlay.of("mariadb", MariaDbDialect.class, "mapper"));
    }

    /** JSON text is bound as Jackson writes it, so that {@code JSON_CONTAINS} compares strings decoded. */
    @Override
    public void registerTypeHandlers(TypeHandlerRegistry registry) {
        JdbcDialect.super.registerTypeHandlers(registry);
        registry.register(Json.class, new JsonTextTypeHandler(JsonBinding.CANONICAL_TEXT));
    }

    /**
     * Events take their {@code seq} from the counter row {@code event_position} (V8), whose lock the
     * inserting transaction holds until it ends: numbers go out in commit order, at the price of
     * event-writing transactions queueing for the row from their first event to their commit.
     */
    @Override
    public EventPositions eventPositions() {
        return new EventPositions() {
            @Override
            public void reserve(SqlSession session, int count) {
                session.getMapper(MariaDbControlMapper.class).reserveEventPositions(count);
            }

            @Override
            public void raiseAboveStored(SqlSession session) {
                session.getMapper(MariaDbControlMapper.class).raiseEventPositions();
            }
        };
    }

    /**
     * MariaDB's JSON functions, {@code JSON_VALID} of the schema's checks among them, stop at 32
     * nested levels ("Limit of 32 on JSON nested structures depth"), so a value holding a scalar
     * 32 levels down is invalid to it: 31 is the deepest every value keeps.
     */
    @Override
    public int maxJsonDepth() {
        return 31;
    }

    /** {@code JSON_CONTAINS} with the shape checks keeps a superset; the kit checks the rows. */
    @Override
    public boolean containmentIsExact() {
        return false;
    }

    @Override
    public SqlFailure classify(SQLException exception) {
        String message = String.valueOf(exception.getMessage());
        return switch (exception.getErrorCode()) {
            case 1062 -> {
                SqlFailure.Constraint key = duplicateKey(message);
                yield TASK_IDEMPOTENCY_KEY.equals(key.name()) ? SqlFailure.of(SqlFailure.Kind.TRANSIENT)
                        : new SqlFailure(SqlFailure.Kind.UNIQUE, key);
            }
            case 4025, 3819 -> new SqlFailure(SqlFailure.Kind.CHECK, SqlFailure.Constraint.named(checkName(message)));
            case 1452, 1451 -> new SqlFailure(SqlFailure.Kind.FOREIGN_KEY, SqlFailure.Constraint.named(quoted(message)));
            case 1048 -> new SqlFailure(SqlFailure.Kind.NOT_NULL,
                    SqlFailure.Constraint.onColumns(table(message), List.of(String.valueOf(quoted(message)))));
            case 1406 -> new SqlFailure(SqlFailure.Kind.CHECK, column(message));
            case 3140 -> SqlFailure.of(SqlFailure.Kind.CHECK);
            // Deadlock, lock wait timeout, and a row changed since a REPEATABLE READ snapshot read it.
            case 1213, 1205, 1020 -> SqlFailure.of(SqlFailure.Kind.TRANSIENT);
            default -> JdbcDialect.super.classify(exception);
        };
    }

    private static SqlFailure.Constraint duplicateKey(String message) {
        String key = quoted(message);
        if (key == null) {
            return SqlFailure.Constraint.named(null);
        }
        if (key.equals("PRIMARY")) {
            String table = table(message);
            return SqlFailure.Constraint.named(table == null ? null : table + "_pkey");
        }
        // MySQL 8 names the key table.key.
        return SqlFailure.Constraint.named(key.substring(key.indexOf('.') + 1));
    }

    /** MariaDB names a JSON column's own validity check {@code table.column}; the schema's is {@code table_column_json}. */
    private static String checkName(String message) {
        String name = quoted(message);
        return name == null || !name.contains(".") ? name : name.replace('.', '_') + "_json";
    }

    private static SqlFailure.Constraint column(String message) {
        Matcher column = COLUMN.matcher(message);
        return column.find() ? SqlFailure.Constraint.onColumns(table(message), List.of(column.group(1))) : null;
    }

    private static String quoted(String message) {
        Matcher quoted = QUOTED.matcher(message);
        return quoted.find() ? quoted.group(1) : null;
    }

    /** The table of the statement quoted in the message ({@code dumpQueriesOnException}). */
    private static String table(String message) {
        Matcher table = TABLE.matcher(message);
        return table.find() ? table.group(1).toLowerCase(Locale.ROOT) : null;
    }
}
