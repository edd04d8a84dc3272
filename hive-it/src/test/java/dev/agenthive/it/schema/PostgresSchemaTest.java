package dev.agenthive.it.schema;

import dev.agenthive.api.store.HiveStore;
import dev.agenthive.it.postgres.PostgresTestServer;
import dev.agenthive.it.process.Stores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reads the schema a migrated PostgreSQL database really has, through pg_catalog, instead of
 * trusting the migration scripts: every foreign key is served by an index, JSON is jsonb with GIN
 * indexes where it is queried, instants are timestamptz, the queue has partial indexes.
 */
class PostgresSchemaTest {
    private final PostgresTestServer server = PostgresTestServer.get();
    private String url;

    @BeforeEach
    void migrate() {
        url = server.emptyDatabase();
        try (HiveStore store = Stores.open(url)) {
            assertThat(store.health().healthy()).isTrue();
        }
    }

    @AfterEach
    void drop() {
        server.drop(url);
    }

    @Test
    void theDriverReportsTheProductNameTheDialectExpects() throws SQLException {
        try (Connection connection = server.connect(url)) {
            assertThat(connection.getMetaData().getDatabaseProductName()).isEqualTo("PostgreSQL");
        }
    }

    @Test
    void everyForeignKeyIsServedByAnIndexLeadingWithItsColumns() throws SQLException {
        String sql = """
                SELECT c.conrelid::regclass::text || '.' || c.conname
                FROM pg_constraint c
                WHERE c.contype = 'f' AND c.connamespace = 'public'::regnamespace
                  AND NOT EXISTS (
                    SELECT 1 FROM pg_index i
                    WHERE i.indrelid = c.conrelid
                      AND (i.indkey::int2[])[0:cardinality(c.conkey) - 1] @> c.conkey
                      AND (i.indkey::int2[])[0:cardinality(c.conkey) - 1] <@ c.conkey)
                """;
        try (Connection connection = server.connect(url)) {
            assertThat(strings(connection, "SELECT count(*)::text FROM pg_constraint WHERE contype = 'f'"
                    + " AND connamespace = 'public'::regnamespace")).singleElement().satisfies(
                    count -> assertThat(Integer.parseInt(count)).as("foreign keys").isGreaterThanOrEqualTo(15));
            assertThat(strings(connection, sql)).as("foreign keys without an index").isEmpty();
        }
    }

    @Test
    void jsonIsJsonbAndInstantsAreTimestamptz() throws SQLException {
        try (Connection connection = server.connect(url)) {
            assertThat(strings(connection, """
                    SELECT table_name || '.' || column_name FROM information_schema.columns
                    WHERE table_schema = 'public' AND table_name <> 'flyway_schema_history'
                      AND column_name IN ('capabilities', 'configuration', 'required_capabilities', 'payload',
                                          'result', 'error', 'details', 'value', 'metadata', 'tags',
                                          'criteria', 'last_result', 'content')
                      AND data_type <> 'jsonb'
                      AND NOT (table_name = 'performance_metrics' AND column_name = 'value')
                      AND NOT (table_name = 'blobs' AND column_name = 'content')
                    """)).as("JSON columns that are not jsonb").isEmpty();
            assertThat(strings(connection, """
                    SELECT table_name || '.' || column_name FROM information_schema.columns
                    WHERE table_schema = 'public' AND table_name <> 'flyway_schema_history'
                      AND (column_name LIKE '%\\_at' OR column_name = 'lease_until')
                      AND data_type <> 'timestamp with time zone'
                    """)).as("instant columns that are not timestamptz").isEmpty();
            assertThat(strings(connection, "SELECT count(*)::text FROM information_schema.columns"
                    + " WHERE table_schema = 'public' AND data_type = 'jsonb'")).singleElement()
                    .satisfies(count -> assertThat(Integer.parseInt(count)).isGreaterThanOrEqualTo(15));
        }
    }

    @Test
    void queriedJsonHasGinIndexesAndTheQueueHasPartialIndexes() throws SQLException {
        try (Connection connection = server.connect(url)) {
            List<String> gin = strings(connection, """
                    SELECT tablename || ':' || indexdef FROM pg_indexes
                    WHERE schemaname = 'public' AND indexdef LIKE '%USING gin%jsonb_path_ops%'
                    """);
            assertThat(gin).anyMatch(d -> d.startsWith("agents:") && d.contains("(capabilities jsonb_path_ops)"))
                    .anyMatch(d -> d.startsWith("agents:") && d.contains("(configuration jsonb_path_ops)"))
                    .anyMatch(d -> d.startsWith("events:") && d.contains("(details jsonb_path_ops)"))
                    .anyMatch(d -> d.startsWith("shared_memory:") && d.contains("(metadata jsonb_path_ops)"));
            assertThat(strings(connection, "SELECT indexdef FROM pg_indexes WHERE tablename = 'tasks' AND indexdef LIKE '%WHERE%'"))
                    .anyMatch(d -> d.contains("'queued'"))
                    .anyMatch(d -> d.contains("'claimed'") && d.contains("'running'"));
            assertThat(strings(connection, "SELECT indexdef FROM pg_indexes WHERE tablename = 'agent_messages'"
                    + " AND indexdef LIKE '%WHERE (acked_at IS NULL)%'")).hasSize(1);
        }
    }

    @Test
    void everyEnumColumnHasACheck() throws SQLException {
        try (Connection connection = server.connect(url)) {
            List<String> checks = strings(connection, "SELECT conname FROM pg_constraint WHERE contype = 'c'"
                    + " AND connamespace = 'public'::regnamespace");
            assertThat(checks).contains("agents_status_check", "tasks_status_check", "events_severity_check",
                    "shared_memory_data_type_check", "projects_kind_check", "projects_status_check",
                    "checkpoints_kind_check", "checkpoints_status_check", "pull_requests_status_check",
                    "configurations_scope_check", "context_sessions_usage_level_check");
        }
    }

    private static List<String> strings(Connection connection, String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(sql); ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }
}
