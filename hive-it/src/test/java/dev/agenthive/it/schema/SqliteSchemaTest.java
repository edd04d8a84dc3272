package dev.agenthive.it.schema;

import dev.agenthive.api.store.HiveStore;
import dev.agenthive.it.process.Stores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reads the schema a migrated SQLite file really has, through SQLite's own catalog, instead of
 * trusting the migration scripts: every table of the domain exists, every enum column has a CHECK,
 * every foreign-key column leads an index, the file is in WAL mode.
 */
class SqliteSchemaTest {
    @TempDir
    Path dir;

    @Test
    void everyForeignKeyColumnLeadsAnIndex() throws SQLException {
        Path db = migratedDatabase();
        List<String> unindexed = new ArrayList<>();
        int foreignKeys = 0;
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + db)) {
            for (String table : tables(connection)) {
                for (String column : foreignKeyColumns(connection, table)) {
                    foreignKeys++;
                    if (!leadingIndexColumns(connection, table).contains(column)) {
                        unindexed.add(table + "." + column);
                    }
                }
            }
        }
        assertThat(foreignKeys).as("foreign keys found in the schema").isPositive();
        assertThat(unindexed).as("foreign-key columns without an index").isEmpty();
    }

    /** The tables of DESIGN.md section 3, each with the enum columns that must carry a CHECK. */
    private static final Map<String, List<String>> DOMAIN_TABLES = Map.ofEntries(
            Map.entry("agents", List.of("status")),
            Map.entry("agent_messages", List.of()),
            Map.entry("tasks", List.of("status")),
            Map.entry("projects", List.of("kind", "status")),
            Map.entry("project_tasks", List.of()),
            Map.entry("context_sessions", List.of("usage_level")),
            Map.entry("memory_snapshots", List.of()),
            Map.entry("performance_metrics", List.of()),
            Map.entry("checkpoints", List.of("kind", "status")),
            Map.entry("git_state", List.of()),
            Map.entry("pull_requests", List.of("status")),
            Map.entry("configurations", List.of("scope")),
            Map.entry("events", List.of("severity")),
            Map.entry("shared_memory", List.of("data_type")));

    @Test
    void everyDomainTableExistsAndEveryEnumColumnIsChecked() throws SQLException {
        Path db = migratedDatabase();
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + db)) {
            assertThat(tables(connection)).containsAll(DOMAIN_TABLES.keySet());
            for (Map.Entry<String, List<String>> table : DOMAIN_TABLES.entrySet()) {
                String ddl = tableSql(connection, table.getKey()).replaceAll("\\s+", " ");
                for (String column : table.getValue()) {
                    assertThat(ddl).as("CHECK on %s.%s", table.getKey(), column)
                            .containsPattern("CHECK \\(" + column + " IN \\(");
                }
            }
        }
    }

    @Test
    void theFileIsInWalModeAndIntact() throws SQLException {
        Path db = migratedDatabase();
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + db)) {
            assertThat(single(connection, "PRAGMA journal_mode")).isEqualTo("wal");
            assertThat(single(connection, "PRAGMA integrity_check")).isEqualTo("ok");
        }
    }

    private Path migratedDatabase() {
        Path db = dir.resolve("schema.db");
        try (HiveStore store = Stores.open("sqlite:" + db)) {
            assertThat(store.health().healthy()).isTrue();
        }
        return db;
    }

    private static List<String> tables(Connection connection) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'");
             ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                tables.add(rs.getString(1));
            }
        }
        return tables;
    }

    private static String tableSql(Connection connection, String table) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = ?")) {
            statement.setString(1, table);
            try (ResultSet rs = statement.executeQuery()) {
                assertThat(rs.next()).as("table %s", table).isTrue();
                return rs.getString(1);
            }
        }
    }

    private static List<String> foreignKeyColumns(Connection connection, String table) throws SQLException {
        List<String> columns = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement("SELECT \"from\" FROM pragma_foreign_key_list(?)")) {
            statement.setString(1, table);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    columns.add(rs.getString(1));
                }
            }
        }
        return columns;
    }

    /** First column of every index of the table, including the primary key's. */
    private static List<String> leadingIndexColumns(Connection connection, String table) throws SQLException {
        List<String> columns = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT ii.name FROM pragma_index_list(?) il JOIN pragma_index_info(il.name) ii WHERE ii.seqno = 0")) {
            statement.setString(1, table);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    columns.add(rs.getString(1));
                }
            }
        }
        try (PreparedStatement statement = connection.prepareStatement("SELECT name FROM pragma_table_info(?) WHERE pk = 1")) {
            statement.setString(1, table);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    columns.add(rs.getString(1));
                }
            }
        }
        return columns;
    }

    private static String single(Connection connection, String sql) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql); ResultSet rs = statement.executeQuery()) {
            assertThat(rs.next()).isTrue();
            return rs.getString(1);
        }
    }
}
