package dev.agenthive.importer.claudeflow;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A copy of one of claude-flow's SQLite files, opened for reading. The file is copied with its
 * {@code -wal}, {@code -shm} and {@code -journal} files because SQLite writes to a database when it
 * opens one left in WAL mode (it replays the log) and the source must stay as it was.
 */
final class SourceDatabase implements AutoCloseable {

    private static final List<String> COMPANIONS = List.of("-wal", "-shm", "-journal");

    private final Connection connection;

    private SourceDatabase(Connection connection) {
        this.connection = connection;
    }

    /** Copies {@code file} and its companions into {@code scratch} and opens the copy. */
    static SourceDatabase copyOf(Path file, Path scratch) throws IOException, SQLException {
        Path dir = Files.createTempDirectory(scratch, "db");
        Path copy = dir.resolve(file.getFileName().toString());
        Files.copy(file, copy);
        for (String suffix : COMPANIONS) {
            Path companion = file.resolveSibling(file.getFileName() + suffix);
            if (Files.isRegularFile(companion)) {
                Files.copy(companion, dir.resolve(copy.getFileName() + suffix));
            }
        }
        return new SourceDatabase(DriverManager.getConnection("jdbc:sqlite:" + copy));
    }

    /** The file's tables, SQLite's own left out. */
    Set<String> tables() throws SQLException {
        Set<String> tables = new LinkedHashSet<>();
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery(
                     "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name")) {
            while (rs.next()) {
                tables.add(rs.getString(1));
            }
        }
        return tables;
    }

    /**
     * Every row of {@code table} (a name from {@link #tables()}), column name to value, in rowid order.
     * Read whole: claude-flow's files are small and a reader that knows all rows can pick the newest of
     * duplicates.
     */
    List<Map<String, Object>> rows(String table) throws SQLException {
        List<Map<String, Object>> rows = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT * FROM " + quote(table))) {
            ResultSetMetaData meta = rs.getMetaData();
            while (rs.next()) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    row.put(meta.getColumnName(i), rs.getObject(i));
                }
                rows.add(row);
            }
        }
        return rows;
    }

    /** The number of rows in {@code table}, a name from {@link #tables()}. */
    long count(String table) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT count(*) FROM " + quote(table))) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
