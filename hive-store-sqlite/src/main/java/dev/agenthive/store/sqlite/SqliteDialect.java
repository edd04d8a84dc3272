package dev.agenthive.store.sqlite;

import dev.agenthive.store.jdbc.JdbcDialect;
import dev.agenthive.store.jdbc.MapperOverlay;
import dev.agenthive.store.jdbc.SqlFailure;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SQLite's part of the relational adapter: its database id, its migrations, its mapper overlays,
 * and the reading of SQLite's extended result codes and constraint messages (SQLite reports no SQLSTATE).
 */
public final class SqliteDialect implements JdbcDialect {
    private static final Pattern CHECK = Pattern.compile("CHECK constraint failed: ([A-Za-z0-9_]+)");
    private static final Pattern UNIQUE = Pattern.compile("UNIQUE constraint failed: ([^)\\]]+)");
    /** SQLite names an index over expressions instead of its columns: {@code index 'name'}. */
    private static final Pattern EXPRESSION_INDEX = Pattern.compile("index '([A-Za-z0-9_]+)'");
    private static final Pattern NOT_NULL = Pattern.compile("NOT NULL constraint failed: ([A-Za-z0-9_.]+)");

    @Override
    public String databaseId() {
        return "sqlite";
    }

    @Override
    public String databaseProductName() {
        return "SQLite";
    }

    @Override
    public String migrationLocation() {
        return "classpath:db/migration/sqlite";
    }

    /**
     * The kit's ON CONFLICT upserts, then SQLite's own mappers in {@code mapper/}: JSON containment
     * through the store's {@code hive_json_contains} function, no row locks (one writer per process
     * excludes the others), and hot statements pinned to their indexes with {@code INDEXED BY}.
     */
    @Override
    public List<MapperOverlay> overlays() {
        return List.of(MapperOverlay.ON_CONFLICT, MapperOverlay.of("sqlite", SqliteDialect.class, "mapper"));
    }

    /** SQLite reports no SQLSTATE: its extended result codes and constraint messages say what failed. */
    @Override
    public SqlFailure classify(SQLException exception) {
        String message = exception.getMessage() == null ? "" : exception.getMessage();
        SQLiteErrorCode code = exception instanceof SQLiteException sqlite ? sqlite.getResultCode() : null;
        String name = code == null ? "" : code.name();
        if (name.startsWith("SQLITE_BUSY") || name.startsWith("SQLITE_LOCKED") || isLockMessage(message)) {
            return SqlFailure.of(SqlFailure.Kind.TRANSIENT);
        }
        if (name.equals("SQLITE_CONSTRAINT_CHECK") || message.contains("CHECK constraint failed")) {
            String check = group(CHECK, message);
            return new SqlFailure(SqlFailure.Kind.CHECK, check == null ? null : SqlFailure.Constraint.named(check));
        }
        if (name.equals("SQLITE_CONSTRAINT_UNIQUE") || name.equals("SQLITE_CONSTRAINT_PRIMARYKEY")
                || message.contains("UNIQUE constraint failed")) {
            return new SqlFailure(SqlFailure.Kind.UNIQUE, uniqueKey(group(UNIQUE, message)));
        }
        if (name.equals("SQLITE_CONSTRAINT_FOREIGNKEY") || message.contains("FOREIGN KEY constraint failed")) {
            return SqlFailure.of(SqlFailure.Kind.FOREIGN_KEY);
        }
        if (name.equals("SQLITE_CONSTRAINT_NOTNULL") || message.contains("NOT NULL constraint failed")) {
            return new SqlFailure(SqlFailure.Kind.NOT_NULL, columns(group(NOT_NULL, message)));
        }
        return SqlFailure.of(SqlFailure.Kind.UNAVAILABLE);
    }

    /** {@code t.a, t.b} as table and columns, or {@code index 'name'} (an index over expressions) by name. */
    private static SqlFailure.Constraint uniqueKey(String reported) {
        if (reported == null) {
            return null;
        }
        String index = group(EXPRESSION_INDEX, reported);
        return index != null ? SqlFailure.Constraint.named(index) : columns(reported);
    }

    /** {@code t.a, t.b}: SQLite qualifies each column with its table. */
    private static SqlFailure.Constraint columns(String reported) {
        if (reported == null) {
            return null;
        }
        String table = null;
        List<String> columns = new ArrayList<>();
        for (String qualified : reported.split(",")) {
            String column = qualified.trim();
            int dot = column.indexOf('.');
            if (dot < 0) {
                return null;
            }
            table = column.substring(0, dot);
            columns.add(column.substring(dot + 1));
        }
        return SqlFailure.Constraint.onColumns(table, columns);
    }

    private static boolean isLockMessage(String message) {
        String lower = message.toLowerCase(Locale.ROOT);
        return lower.contains("database is locked") || lower.contains("database table is locked")
                || lower.contains("sqlite_busy");
    }

    private static String group(Pattern pattern, String message) {
        Matcher matcher = pattern.matcher(message);
        return matcher.find() ? matcher.group(1) : null;
    }
}
