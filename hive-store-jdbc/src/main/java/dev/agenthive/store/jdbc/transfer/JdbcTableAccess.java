package dev.agenthive.store.jdbc.transfer;

import dev.agenthive.api.Checks;
import dev.agenthive.api.blob.BlobId;
import dev.agenthive.api.blob.BlobReference;
import dev.agenthive.api.error.InvalidInputException;
import dev.agenthive.api.error.StorageUnavailableException;
import dev.agenthive.api.event.Event;
import dev.agenthive.api.event.Severity;
import dev.agenthive.api.json.Json;
import dev.agenthive.api.transfer.Column;
import dev.agenthive.api.transfer.ColumnType;
import dev.agenthive.api.transfer.SnapshotWork;
import dev.agenthive.api.transfer.TableAccess;
import dev.agenthive.api.transfer.TableSnapshot;
import dev.agenthive.api.transfer.TableSpec;
import dev.agenthive.store.jdbc.BatchInsert;
import dev.agenthive.store.jdbc.SqlExecutor;
import dev.agenthive.store.jdbc.content.BlobReferenceMapper;
import dev.agenthive.store.jdbc.content.BlobReferenceRow;
import dev.agenthive.store.jdbc.event.EventMapper;
import dev.agenthive.store.jdbc.event.EventPositions;
import org.apache.ibatis.session.SqlSession;

import java.nio.charset.StandardCharsets;
import java.sql.Clob;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The rows of a store built on the kit, as {@link KitTables} describes them, through the statements of
 * {@link TableRowMapper}. Reads convert each
 * driver's own types (epoch milliseconds or {@code timestamptz}, JSON text or {@code jsonb}) into
 * the carriers of {@link ColumnType}; writes bind values through the dialect's type handlers, so
 * an {@link Instant} or a JSON document lands in whatever column type the dialect uses.
 */
public final class JdbcTableAccess implements TableAccess {
    /** SQLite accepts at most 32766 parameters in one statement; PostgreSQL and MariaDB more. */
    private static final int MAX_PARAMETERS = 30_000;
    /** Bounds one INSERT's text and parameters well below MariaDB's default packet limit. */
    private static final long MAX_STATEMENT_CHARS = 4L << 20;

    private final SqlExecutor executor;
    private final EventPositions eventPositions;

    /**
     * @param executor       how SQL runs
     * @param eventPositions the dialect's event positions, raised above the copied ones after events are inserted
     */
    public JdbcTableAccess(SqlExecutor executor, EventPositions eventPositions) {
        this.executor = Objects.requireNonNull(executor, "executor is null");
        this.eventPositions = Objects.requireNonNull(eventPositions, "eventPositions is null");
    }

    @Override
    public int layout() {
        return KitTables.LAYOUT;
    }

    @Override
    public List<TableSpec> tables() {
        return KitTables.ALL;
    }

    @Override
    public <T> T snapshot(SnapshotWork<T> work) {
        Checks.notNull(work, "work");
        return executor.read(session -> work.read(new SessionSnapshot(session)));
    }

    @Override
    public Set<List<Object>> presentKeys(TableSpec table, List<List<Object>> keys) {
        TableSpec own = KitTables.require(Checks.notNull(table, "table"));
        Checks.notNull(keys, "keys");
        if (keys.isEmpty()) {
            return Set.of();
        }
        List<Map<String, Object>> bound = new ArrayList<>(keys.size());
        for (List<Object> key : keys) {
            if (key.size() != own.key().size()) {
                throw new InvalidInputException("keys", "a key of " + own.name() + " has " + own.key().size()
                        + " values, was " + key.size());
            }
            Map<String, Object> values = new HashMap<>();
            for (int i = 0; i < key.size(); i++) {
                Column column = own.columns().get(own.index(own.key().get(i)));
                values.put(column.name(), key.get(i) == null ? null : bindable(own, column, key.get(i)));
            }
            bound.add(values);
        }
        List<Map<String, Object>> found = executor.readStatement(session ->
                session.selectList(TableRowMapper.statement("present", own.name()), Map.of("keys", bound)));
        Set<List<Object>> present = new HashSet<>();
        for (Map<String, Object> row : found) {
            List<Object> key = new ArrayList<>(own.key().size());
            for (String name : own.key()) {
                Column column = own.columns().get(own.index(name));
                key.add(carrier(column, valueOf(row, column.name())));
            }
            present.add(key);
        }
        return present;
    }

    @Override
    public void insert(TableSpec table, List<List<Object>> rows) {
        TableSpec own = KitTables.require(Checks.notNull(table, "table"));
        Checks.notNull(rows, "rows");
        if (rows.isEmpty()) {
            return;
        }
        if (own.name().equals(KitTables.EVENTS)) {
            insertEvents(own, rows);
            return;
        }
        insertRows(own, rows, null);
    }

    /**
     * Events with a position keep it (a copy's); those without (an importer's) are appended as the
     * store's own events are, taking the next positions in commit order; both in one transaction.
     */
    private void insertEvents(TableSpec events, List<List<Object>> rows) {
        List<List<Object>> positioned = new ArrayList<>();
        List<Event> unpositioned = new ArrayList<>();
        for (List<Object> row : rows) {
            Map<String, Object> bound = bindRow(events, row);
            if (bound.get("seq") != null) {
                positioned.add(row);
            } else {
                unpositioned.add(event(bound));
            }
        }
        if (positioned.isEmpty()) {
            executor.write(session -> {
                appendEvents(session, unpositioned);
                return null;
            });
            return;
        }
        insertRows(events, positioned, session -> {
            // Events keep their source positions (seq), so the copy's proof holds; the store's own
            // later events must come after them.
            eventPositions.raiseAboveStored(session);
            appendEvents(session, unpositioned);
        });
    }

    private void appendEvents(SqlSession session, List<Event> events) {
        if (!events.isEmpty()) {
            eventPositions.reserve(session, events.size());
            BatchInsert.insertEach(session, EventMapper.class, events, EventMapper::insert);
        }
    }

    private static Event event(Map<String, Object> row) {
        return new Event((String) row.get("id"), (String) row.get("type"), Severity.parse((String) row.get("severity")),
                (String) row.get("agent_id"), (String) row.get("correlation_id"), (Json) row.get("details"),
                (Instant) row.get("occurred_at"));
    }

    /** @param after what else the same transaction does after the rows are in, or {@code null} */
    private void insertRows(TableSpec own, List<List<Object>> rows, Consumer<SqlSession> after) {
        List<List<Map<String, Object>>> statements = new ArrayList<>();
        List<Map<String, Object>> current = new ArrayList<>();
        long chars = 0;
        int rowsPerStatement = Math.max(1, MAX_PARAMETERS / own.columns().size());
        // H2 checks a foreign key against the table as the statement found it, so a child must not share
        // an INSERT with its parent: its row starts the next statement (of the same transaction).
        int parentIndex = own.parentColumn().map(own::index).orElse(-1);
        int keyIndex = own.index(own.key().get(0));
        Set<Object> keysInStatement = new HashSet<>();
        for (List<Object> row : rows) {
            Map<String, Object> bound = bindRow(own, row);
            long rowChars = estimatedChars(bound);
            boolean parentInStatement = parentIndex >= 0 && keysInStatement.contains(row.get(parentIndex));
            if (!current.isEmpty() && (current.size() == rowsPerStatement || chars + rowChars > MAX_STATEMENT_CHARS
                    || parentInStatement)) {
                statements.add(current);
                current = new ArrayList<>();
                chars = 0;
                keysInStatement.clear();
            }
            current.add(bound);
            chars += rowChars;
            if (parentIndex >= 0) {
                keysInStatement.add(row.get(keyIndex));
            }
        }
        statements.add(current);
        executor.write(session -> {
            for (List<Map<String, Object>> statement : statements) {
                session.insert(TableRowMapper.statement("insert", own.name()), Map.of("rows", statement));
            }
            if (after != null) {
                after.accept(session);
            }
            return null;
        });
    }

    /** The row as column name to bindable value. */
    private static Map<String, Object> bindRow(TableSpec table, List<Object> row) {
        if (row == null || row.size() != table.columns().size()) {
            throw new InvalidInputException("rows", "a row of " + table.name() + " has " + table.columns().size()
                    + " values, was " + (row == null ? "null" : row.size()));
        }
        Map<String, Object> bound = new HashMap<>();
        for (int i = 0; i < row.size(); i++) {
            Column column = table.columns().get(i);
            Object value = row.get(i);
            if (value == null) {
                if (!column.nullable()) {
                    throw new InvalidInputException(table.name() + "." + column.name(), "must not be null");
                }
                bound.put(column.name(), null);
            } else {
                bound.put(column.name(), bindable(table, column, value));
            }
        }
        return bound;
    }

    /** The value as the type whose handler binds it right for the column's type on every dialect. */
    private static Object bindable(TableSpec table, Column column, Object value) {
        boolean fits = switch (column.type()) {
            case TEXT, JSON -> value instanceof String;
            case INTEGER -> value instanceof Long;
            case REAL -> value instanceof Double;
            case INSTANT -> value instanceof Instant;
        };
        if (!fits) {
            throw new InvalidInputException(table.name() + "." + column.name(), "must be a "
                    + KitTables.carrier(column.type()) + ", was a " + value.getClass().getSimpleName());
        }
        return column.type() == ColumnType.JSON ? new Json((String) value) : value;
    }

    private static long estimatedChars(Map<String, Object> row) {
        long chars = 16;
        for (Object value : row.values()) {
            chars += value instanceof Json json ? json.text().length() : value instanceof String text ? text.length() : 24;
        }
        return chars;
    }

    private static Object valueOf(Map<String, Object> row, String column) {
        Object value = row.get(column);
        // Drivers name columns as the database folds them: H2 upper-cases unquoted names.
        return value != null ? value : row.get(column.toUpperCase(Locale.ROOT));
    }

    /** A driver's value as the carrier of the column's type. */
    static Object carrier(Column column, Object raw) {
        if (raw == null) {
            return null;
        }
        return switch (column.type()) {
            case TEXT -> text(column, raw);
            case INTEGER -> raw instanceof Boolean flag ? (flag ? 1L : 0L) : ((Number) raw).longValue();
            case REAL -> ((Number) raw).doubleValue();
            case INSTANT -> instant(column, raw);
            // PostgreSQL hands jsonb out as a driver object whose text is the document, H2 JSON as bytes.
            case JSON -> raw instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : text(column, raw);
        };
    }

    /**
     * A driver's text value. H2 hands a CLOB column out as a {@link Clob}, whose {@code toString()} is
     * a description ({@code clob0: '...'}), not the content: taken as the value, a copy would store
     * the description and still validate, since both sides would hash the same wrong text.
     */
    private static String text(Column column, Object raw) {
        if (!(raw instanceof Clob clob)) {
            return raw.toString();
        }
        try {
            long length = clob.length();
            if (length > Integer.MAX_VALUE) {
                throw new IllegalStateException("column " + column.name() + " holds " + length
                        + " characters, more than a String can");
            }
            // Position 1 of an empty CLOB is past its end for some drivers.
            return length == 0 ? "" : clob.getSubString(1, (int) length);
        } catch (SQLException e) {
            throw new StorageUnavailableException("cannot read column " + column.name() + ": " + e.getMessage(), e);
        }
    }

    private static Instant instant(Column column, Object raw) {
        if (raw instanceof Number millis) {
            return Instant.ofEpochMilli(millis.longValue());
        }
        if (raw instanceof java.sql.Timestamp timestamp) {
            return timestamp.toInstant();
        }
        if (raw instanceof OffsetDateTime offset) {
            return offset.toInstant();
        }
        if (raw instanceof Instant instant) {
            return instant;
        }
        throw new IllegalStateException("column " + column.name() + " holds a " + raw.getClass().getName()
                + ", not an instant this store knows how to read");
    }

    /** The tables as one read transaction of the store sees them. */
    private static final class SessionSnapshot implements TableSnapshot {
        private final SqlSession session;

        SessionSnapshot(SqlSession session) {
            this.session = session;
        }

        @Override
        public long count(TableSpec table) {
            TableSpec own = KitTables.require(Checks.notNull(table, "table"));
            return session.<Long>selectOne(TableRowMapper.statement("count", own.name()));
        }

        @Override
        public void scan(TableSpec table, Consumer<List<Object>> rows) {
            TableSpec own = KitTables.require(Checks.notNull(table, "table"));
            Checks.notNull(rows, "rows");
            List<Column> columns = own.columns();
            session.select(TableRowMapper.statement("scan", own.name()), context -> {
                @SuppressWarnings("unchecked")
                Map<String, Object> raw = (Map<String, Object>) context.getResultObject();
                List<Object> row = new ArrayList<>(columns.size());
                for (Column column : columns) {
                    row.add(carrier(column, valueOf(raw, column.name())));
                }
                rows.accept(row);
            });
        }

        @Override
        public void blobReferences(Consumer<BlobReference> references) {
            Checks.notNull(references, "references");
            session.getMapper(BlobReferenceMapper.class).all(context -> {
                BlobReferenceRow row = context.getResultObject();
                references.accept(new BlobReference(new BlobId(row.blob()), row.holderTable() + " " + row.holderKey()));
            });
        }
    }
}
