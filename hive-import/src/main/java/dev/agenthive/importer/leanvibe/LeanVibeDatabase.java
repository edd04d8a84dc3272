package dev.agenthive.importer.leanvibe;

import dev.agenthive.api.spi.ImportSink;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The rows of one LeanVibe SQLite file, read from a copy. The file is copied with its {@code -wal}
 * and {@code -shm} files, so that rows still only in the write-ahead log are read too and the
 * source is never opened; every table the file has is read whole (LeanVibe installations are
 * small), and a table that breaks off mid-way keeps the rows read before the break.
 *
 * @param relativePath the file's path inside the project folder, as the origin of every row
 * @param tables       table name to its rows, in the order the file lists them
 */
record LeanVibeDatabase(String relativePath, Map<String, List<Row>> tables) {

    /** Reported kind for problems with a whole file rather than one row. */
    static final String FILES = "files";

    private static final String[] COMPANIONS = {"", "-wal", "-shm"};
    // Aliased so that a LeanVibe column can never shadow it.
    private static final String ROWID = "_leanvibe_rowid";

    LeanVibeDatabase {
        Objects.requireNonNull(relativePath, "relativePath is null");
        tables = Map.copyOf(tables);
    }

    /**
     * One row: its SQLite rowid, which the tables without a primary key of their own have as their
     * only stable identity, and its columns by name.
     */
    record Row(long rowid, Map<String, Object> values) {
        Row {
            // Values may be null (SQL NULL), so no Map.copyOf.
            values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        }

        Object get(String column) {
            return values.get(column);
        }

        String text(String column) {
            Object value = values.get(column);
            return value == null ? null : value.toString();
        }
    }

    /** The rows of {@code table}, none if the file has no such table. */
    List<Row> rows(String table) {
        return tables.getOrDefault(table, List.of());
    }

    /**
     * Reads {@code relativePath} under {@code folder}, or returns {@code null} when the file is
     * absent, empty or not a readable database (the last two reported to {@code sink}).
     */
    static LeanVibeDatabase read(Path folder, String relativePath, Path scratch, ImportSink sink) {
        Path source = folder.resolve(relativePath);
        if (!Files.isRegularFile(source)) {
            return null;
        }
        try {
            if (Files.size(source) == 0) {
                sink.skipped(FILES, relativePath, "empty file");
                return null;
            }
            Path copyDir = Files.createTempDirectory(scratch, "db");
            Path copy = copyDir.resolve(source.getFileName().toString());
            for (String suffix : COMPANIONS) {
                Path companion = source.resolveSibling(source.getFileName() + suffix);
                if (Files.isRegularFile(companion)) {
                    Files.copy(companion, copyDir.resolve(copy.getFileName() + suffix), StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
            return readCopy(copy, relativePath, sink);
        } catch (IOException e) {
            sink.rejected(FILES, relativePath, "cannot copy the database: " + e.getMessage());
            return null;
        }
    }

    private static LeanVibeDatabase readCopy(Path copy, String relativePath, ImportSink sink) {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + copy.toAbsolutePath())) {
            List<String> names = new ArrayList<>();
            try (Statement statement = connection.createStatement();
                 ResultSet rs = statement.executeQuery(
                         "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY rowid")) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
            }
            Map<String, List<Row>> tables = new LinkedHashMap<>();
            for (String name : names) {
                tables.put(name, readTable(connection, name, relativePath, sink));
            }
            return new LeanVibeDatabase(relativePath, tables);
        } catch (SQLException e) {
            sink.rejected(FILES, relativePath, "not a readable SQLite database: " + e.getMessage());
            return null;
        }
    }

    private static List<Row> readTable(Connection connection, String table, String relativePath, ImportSink sink) {
        List<Row> rows = new ArrayList<>();
        String sql = "SELECT rowid AS " + ROWID + ", * FROM \"" + table.replace("\"", "\"\"") + "\"";
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            ResultSetMetaData meta = rs.getMetaData();
            while (rs.next()) {
                Map<String, Object> values = new LinkedHashMap<>();
                for (int i = 2; i <= meta.getColumnCount(); i++) {
                    values.put(meta.getColumnLabel(i), rs.getObject(i));
                }
                rows.add(new Row(rs.getLong(1), values));
            }
        } catch (SQLException e) {
            sink.rejected(FILES, relativePath + " " + table,
                    "table unreadable after " + rows.size() + " rows: " + e.getMessage());
        }
        return List.copyOf(rows);
    }
}
