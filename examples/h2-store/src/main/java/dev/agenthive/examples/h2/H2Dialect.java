package dev.agenthive.examples.h2;

import dev.agenthive.store.jdbc.JdbcDialect;
import dev.agenthive.store.jdbc.MapperOverlay;
import dev.agenthive.store.jdbc.SqlFailure;
import dev.agenthive.store.jdbc.event.EventPositions;
import org.apache.ibatis.session.SqlSession;

import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * H2's part of the kit: its database id, its migrations, its overlays (in {@code mapper/} next to this
 * class) and the reading of its errors. Instants stay epoch milliseconds and JSON stays text checked
 * by {@code IS JSON}, the kit's defaults, so no type handler is H2's own.
 */
public final class H2Dialect implements JdbcDialect {
    /** {@code "PUBLIC.TASKS_IDEMPOTENCY_KEY_UQ ON PUBLIC.TASKS(IDEMPOTENCY_KEY NULLS FIRST) VALUES ..."}. */
    private static final Pattern UNIQUE = Pattern.compile("\"\\w+\\.(\\w+) ON \\w+\\.(\\w+)\\(([^)]*)\\)");
    /** {@code "AGENTS_STATUS_CHECK: ..."} of a CHECK, {@code "TASKS_PARENT_FK: PUBLIC.TASKS FOREIGN KEY..."}. */
    private static final Pattern NAMED = Pattern.compile("\"(\\w+): ");
    /** {@code NULL not allowed for column "TITLE"}. */
    private static final Pattern NOT_NULL = Pattern.compile("column \"(\\w+)\"");

    @Override
    public String databaseId() {
        return "h2";
    }

    @Override
    public String databaseProductName() {
        return "H2";
    }

    @Override
    public String migrationLocation() {
        return "classpath:db/migration/h2";
    }

    /**
     * One overlay: upserts as {@code MERGE}, {@code RETURNING} as a select from {@code FINAL TABLE (...)},
     * JSON containment through the Java functions the migration declares ({@link JsonFunctions}), and the
     * claim as one guarded update.
     */
    @Override
    public List<MapperOverlay> overlays() {
        return List.of(MapperOverlay.of("h2", H2Dialect.class, "mapper"));
    }

    /**
     * Events take {@code seq} from a sequence as they are inserted, in commit order since the store's
     * writes go one at a time; a copy's explicit seq raises the sequence.
     */
    @Override
    public EventPositions eventPositions() {
        return new EventPositions() {
            @Override
            public void raiseAboveStored(SqlSession session) {
                session.getMapper(H2ControlMapper.class).raiseEventSequence();
            }
        };
    }

    /**
     * H2's own states: a concurrent update (90131) and a lock timeout (HYT00) are contention, and a
     * missing parent row (23506, where the standard has 23503) is a foreign key violation.
     */
    @Override
    public SqlFailure classify(SQLException exception) {
        String state = exception.getSQLState();
        if ("90131".equals(state) || "HYT00".equals(state)) {
            return SqlFailure.of(SqlFailure.Kind.TRANSIENT);
        }
        if ("23506".equals(state)) {
            return new SqlFailure(SqlFailure.Kind.FOREIGN_KEY, violatedConstraint(exception));
        }
        return JdbcDialect.super.classify(exception);
    }

    /**
     * H2 names a CHECK or foreign key in its message, and a unique violation by its index, table and
     * columns (a primary key's index has a generated name, so the kit matches that one by its columns).
     */
    @Override
    public SqlFailure.Constraint violatedConstraint(SQLException exception) {
        String message = exception.getMessage() == null ? "" : exception.getMessage();
        if ("23505".equals(exception.getSQLState())) {
            Matcher unique = UNIQUE.matcher(message);
            if (!unique.find()) {
                return null;
            }
            List<String> columns = Arrays.stream(unique.group(3).split(","))
                    .map(column -> lower(column.trim().split(" ")[0]))
                    .toList();
            return new SqlFailure.Constraint(lower(unique.group(1)), lower(unique.group(2)), columns);
        }
        if ("23502".equals(exception.getSQLState())) {
            Matcher column = NOT_NULL.matcher(message);
            return column.find() ? new SqlFailure.Constraint(null, null, List.of(lower(column.group(1)))) : null;
        }
        Matcher named = NAMED.matcher(message);
        return named.find() ? SqlFailure.Constraint.named(lower(named.group(1))) : null;
    }

    private static String lower(String identifier) {
        return identifier.toLowerCase(Locale.ROOT);
    }
}
