package dev.agenthive.it.fault.sqlite;

import org.sqlite.SQLiteException;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Checks of a database file with plain sqlite-jdbc, beside the store: SQLite's own
 * {@code integrity_check} and {@code foreign_key_check}, and the {@link TripleWrite}s it holds, read
 * in ONE read transaction (one snapshot, even while other processes write) and compared with the
 * writers' ledgers.
 */
final class SqliteFileCheck {
    private SqliteFileCheck() {
    }

    /**
     * {@code PRAGMA integrity_check}'s rows: exactly {@code ok} for a sound file. A file too damaged
     * for the check to run (SQLite refuses it as malformed) gives the refusal as its one row.
     */
    static List<String> integrity(Path db) throws SQLException {
        try (Connection connection = open(db); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("PRAGMA integrity_check")) {
            List<String> rows = new ArrayList<>();
            while (rs.next()) {
                rows.add(rs.getString(1));
            }
            return rows;
        } catch (SQLiteException e) {
            if (e.getResultCode().name().startsWith("SQLITE_CORRUPT") || e.getResultCode().name().startsWith("SQLITE_NOTADB")) {
                return List.of("refused: " + e.getMessage());
            }
            throw e;
        }
    }

    /** The rows of {@code PRAGMA foreign_key_check}, as text: empty when every reference holds. */
    static List<String> foreignKeyViolations(Path db) throws SQLException {
        try (Connection connection = open(db); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("PRAGMA foreign_key_check")) {
            List<String> rows = new ArrayList<>();
            while (rs.next()) {
                rows.add(rs.getString(1) + " rowid " + rs.getString(2) + " -> " + rs.getString(3));
            }
            return rows;
        }
    }

    /** Whether Flyway's history shows fewer successful migrations than {@code expected} (or no history yet). */
    static boolean migrationUnfinished(Path db, int expected) throws SQLException {
        try (Connection connection = open(db); Statement statement = connection.createStatement()) {
            try (ResultSet rs = statement.executeQuery(
                    "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'flyway_schema_history'")) {
                rs.next();
                if (rs.getInt(1) == 0) {
                    return true;
                }
            }
            try (ResultSet rs = statement.executeQuery(
                    "SELECT count(*) FROM flyway_schema_history WHERE success = 1 AND version IS NOT NULL")) {
                rs.next();
                return rs.getInt(1) < expected;
            }
        }
    }

    /** The page number of a table's root page. */
    static long rootPage(Path db, String table) throws SQLException {
        try (Connection connection = open(db); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT rootpage FROM sqlite_master WHERE type = 'table' AND name = '"
                     + table + "'")) {
            if (!rs.next()) {
                throw new IllegalArgumentException("no table " + table + " in " + db);
            }
            return rs.getLong(1);
        }
    }

    /** Successful versioned migrations in Flyway's history. */
    static int migrations(Path db) throws SQLException {
        try (Connection connection = open(db); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery(
                     "SELECT count(*) FROM flyway_schema_history WHERE success = 1 AND version IS NOT NULL")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /**
     * Reads the three parts of every {@link TripleWrite} in one snapshot and compares them with the
     * acknowledged writes.
     */
    static Writes writes(Path db, Map<Long, Long> acknowledged) throws SQLException {
        Map<Long, Long> memory = new HashMap<>();
        Map<Long, Long> tasks = new HashMap<>();
        Map<Long, Long> events = new HashMap<>();
        try (Connection connection = open(db); Statement statement = connection.createStatement()) {
            connection.setAutoCommit(false);
            try {
                try (ResultSet rs = statement.executeQuery("SELECT json_extract(value, '$.n'), json_extract(value, '$.v')"
                        + " FROM shared_memory WHERE namespace = '" + TripleWrite.NAMESPACE + "'")) {
                    while (rs.next()) {
                        memory.put(rs.getLong(1), rs.getLong(2));
                    }
                }
                try (ResultSet rs = statement.executeQuery("SELECT title FROM tasks WHERE title LIKE 'fault %'")) {
                    while (rs.next()) {
                        String[] parts = rs.getString(1).split(" ");
                        tasks.put(Long.parseLong(parts[1]), Long.parseLong(parts[2]));
                    }
                }
                try (ResultSet rs = statement.executeQuery("SELECT json_extract(details, '$.n'), json_extract(details, '$.v')"
                        + " FROM events WHERE type = '" + TripleWrite.EVENT_TYPE + "'")) {
                    while (rs.next()) {
                        events.put(rs.getLong(1), rs.getLong(2));
                    }
                }
            } finally {
                connection.rollback();
            }
        }
        List<String> lost = new ArrayList<>();
        for (Map.Entry<Long, Long> ack : acknowledged.entrySet()) {
            long n = ack.getKey();
            if (!ack.getValue().equals(memory.get(n)) || !ack.getValue().equals(tasks.get(n))
                    || !ack.getValue().equals(events.get(n))) {
                lost.add(n + " (acknowledged v=" + ack.getValue() + ", memory " + memory.get(n) + ", task "
                        + tasks.get(n) + ", event " + events.get(n) + ")");
            }
        }
        List<String> halfVisible = new ArrayList<>();
        Set<Long> all = new HashSet<>(memory.keySet());
        all.addAll(tasks.keySet());
        all.addAll(events.keySet());
        for (long n : all) {
            Long v = memory.get(n);
            if (v == null || !Objects.equals(v, tasks.get(n)) || !Objects.equals(v, events.get(n))) {
                halfVisible.add(n + " (memory " + v + ", task " + tasks.get(n) + ", event " + events.get(n) + ")");
            }
        }
        return new Writes(memory.size(), lost, halfVisible);
    }

    private static Connection open(Path db) throws SQLException {
        Connection connection = DriverManager.getConnection("jdbc:sqlite:" + db);
        try (Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA busy_timeout = 10000");
        }
        return connection;
    }

    /**
     * The writes found in one snapshot.
     *
     * @param committed   complete writes in the file
     * @param lost        acknowledged writes missing, or present with another value
     * @param halfVisible writes of which only some parts (or parts with differing values) are in the file
     */
    record Writes(int committed, List<String> lost, List<String> halfVisible) {
    }
}
