package dev.agenthive.importer.claudeflow;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Inserts imported rows into an in-memory SQLite database built from the hive's own migrations, with
 * foreign keys on, so that every CHECK, foreign key and unique index of the hive judges them.
 */
final class HiveSchemaCheck {

    private static final List<String> MIGRATIONS = List.of("V1__initial_schema", "V2__projects_metrics_checkpoints",
            "V3__context_sessions_memory_snapshots", "V4__git_state_pull_requests_configurations",
            "V5__message_idempotency_keys", "V6__large_content", "V7__blobs");

    /** Parents before children. */
    private static final List<String> ORDER = List.of("projects", "agents", "tasks", "project_tasks", "context_sessions",
            "memory_snapshots", "checkpoints", "performance_metrics", "events", "shared_memory");

    private HiveSchemaCheck() {
    }

    /** Inserts every row; the first one the schema refuses fails with the row and SQLite's reason. */
    static void insertAll(List<RecordingSink.Row> rows) throws SQLException, IOException {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite::memory:")) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("PRAGMA foreign_keys = ON");
                for (String migration : MIGRATIONS) {
                    for (String sql : statements(migration)) {
                        statement.execute(sql);
                    }
                }
            }
            List<RecordingSink.Row> ordered = new ArrayList<>(rows);
            ordered.sort((a, b) -> {
                int byTable = Integer.compare(ORDER.indexOf(a.table()), ORDER.indexOf(b.table()));
                // A project before its epics.
                return byTable != 0 ? byTable : Boolean.compare(a.values().containsKey("parent_id"), b.values().containsKey("parent_id"));
            });
            for (RecordingSink.Row row : ordered) {
                try {
                    insert(connection, row);
                } catch (SQLException refused) {
                    throw new AssertionError("hive schema refuses " + row + ": " + refused.getMessage(), refused);
                }
            }
        }
    }

    private static void insert(Connection connection, RecordingSink.Row row) throws SQLException {
        Map<String, Object> values = new LinkedHashMap<>(row.values());
        if (row.table().equals("memory_snapshots")) {
            String content = (String) values.remove("content");
            byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
            String hash = sha256(bytes);
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT OR IGNORE INTO memory_snapshot_contents (content_hash, content, size_bytes, created_at) VALUES (?, ?, ?, ?)")) {
                insert.setString(1, hash);
                insert.setString(2, content);
                insert.setLong(3, bytes.length);
                insert.setLong(4, 0);
                insert.executeUpdate();
            }
            values.put("content_hash", hash);
            values.put("size_bytes", (long) bytes.length);
        }
        String sql = "INSERT INTO " + row.table() + " (" + String.join(", ", values.keySet()) + ") VALUES ("
                + values.keySet().stream().map(k -> "?").collect(Collectors.joining(", ")) + ")";
        try (PreparedStatement insert = connection.prepareStatement(sql)) {
            int i = 1;
            for (Object value : values.values()) {
                insert.setObject(i++, value instanceof Instant instant ? instant.toEpochMilli() : value);
            }
            insert.executeUpdate();
        }
    }

    private static List<String> statements(String migration) throws IOException {
        try (InputStream in = HiveSchemaCheck.class.getResourceAsStream("/db/migration/sqlite/" + migration + ".sql")) {
            if (in == null) {
                throw new IllegalStateException("migration " + migration + " not on the class path");
            }
            String script = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(line -> !line.strip().startsWith("--"))
                    .collect(Collectors.joining("\n"));
            List<String> statements = new ArrayList<>();
            for (String sql : script.split(";")) {
                if (!sql.isBlank()) {
                    statements.add(sql);
                }
            }
            return statements;
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException always) {
            throw new IllegalStateException(always);
        }
    }
}
