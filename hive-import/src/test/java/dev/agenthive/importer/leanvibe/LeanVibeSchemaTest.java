package dev.agenthive.importer.leanvibe;

import dev.agenthive.importer.leanvibe.RecordingSink.Recorded;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every row the importer gives for the fixture is accepted by the hive's own SQLite schema
 * (V1..V7 with their CHECKs and foreign keys), inserted parents first with plain JDBC, so that a
 * wrong status, a malformed JSON column or a dangling reference fails here and not in a user's import.
 */
class LeanVibeSchemaTest {

    private static final List<String> PARENTS_FIRST = List.of("projects", "agents", "tasks", "project_tasks",
            "memory_snapshots", "agent_messages", "checkpoints", "performance_metrics", "events", "shared_memory");

    @TempDir
    Path temp;

    @Test
    void everyRowFitsTheHiveSchema() throws Exception {
        Path folder = LeanVibeFixtures.copy("basic", temp);
        RecordingSink sink = new RecordingSink();
        new LeanVibeImporter(ZoneOffset.UTC).read(folder, sink);
        assertThat(sink.rows).extracting(Recorded::table).allMatch(PARENTS_FIRST::contains);

        try (Connection hive = DriverManager.getConnection("jdbc:sqlite:" + temp.resolve("hive.db") + "?foreign_keys=on")) {
            for (int version = 1; version <= 7; version++) {
                migrate(hive, version);
            }
            for (String table : PARENTS_FIRST) {
                for (Recorded row : sink.table(table)) {
                    insert(hive, row);
                }
            }
            try (Statement statement = hive.createStatement();
                 ResultSet rs = statement.executeQuery("SELECT count(*) FROM agents")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(sink.table("agents").size());
            }
        }
    }

    private static void migrate(Connection hive, int version) throws Exception {
        String prefix = "db/migration/sqlite/V" + version + "__";
        // Resource names are not listable portably; the script of each version is found by its
        // known prefix in the store's jar listing.
        String name = LeanVibeSchemaTest.class.getClassLoader().resources("db/migration/sqlite")
                .findFirst().map(url -> listing(url, prefix)).orElseThrow();
        try (InputStream in = LeanVibeSchemaTest.class.getClassLoader().getResourceAsStream(name);
             Statement statement = hive.createStatement()) {
            statement.executeUpdate(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    private static String listing(java.net.URL url, String prefix) {
        try {
            if (url.getProtocol().equals("jar")) {
                java.net.JarURLConnection connection = (java.net.JarURLConnection) url.openConnection();
                try (var jar = connection.getJarFile()) {
                    return jar.stream().map(java.util.jar.JarEntry::getName).filter(n -> n.startsWith(prefix))
                            .findFirst().orElseThrow();
                }
            }
            try (var files = java.nio.file.Files.list(Path.of(url.toURI()))) {
                return files.map(p -> "db/migration/sqlite/" + p.getFileName()).filter(n -> n.startsWith(prefix))
                        .findFirst().orElseThrow();
            }
        } catch (IOException | java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void insert(Connection hive, Recorded row) throws Exception {
        Map<String, Object> values = new LinkedHashMap<>(row.values());
        if (row.table().equals("memory_snapshots")) {
            // The sink's job, done here the way the store does it: content by its SHA-256.
            String content = (String) values.remove("content");
            byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
            String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
            try (PreparedStatement statement = hive.prepareStatement(
                    "INSERT OR IGNORE INTO memory_snapshot_contents (content_hash, content, size_bytes, created_at) VALUES (?, ?, ?, ?)")) {
                statement.setString(1, hash);
                statement.setString(2, content);
                statement.setLong(3, bytes.length);
                statement.setLong(4, ((Instant) values.get("created_at")).toEpochMilli());
                statement.executeUpdate();
            }
            values.put("content_hash", hash);
            values.put("size_bytes", (long) bytes.length);
        }
        List<String> columns = new ArrayList<>(values.keySet());
        String sql = "INSERT INTO " + row.table() + " (" + String.join(", ", columns) + ") VALUES ("
                + String.join(", ", columns.stream().map(c -> "?").toList()) + ")";
        try (PreparedStatement statement = hive.prepareStatement(sql)) {
            for (int i = 0; i < columns.size(); i++) {
                Object value = values.get(columns.get(i));
                statement.setObject(i + 1, value instanceof Instant instant ? instant.toEpochMilli() : value);
            }
            statement.executeUpdate();
        } catch (java.sql.SQLException e) {
            throw new AssertionError(row.table() + " row from " + row.origin() + " " + values + ": " + e.getMessage(), e);
        }
    }
}
