package dev.agenthive.it.schema;

import dev.agenthive.api.store.HiveStore;
import dev.agenthive.api.transfer.Column;
import dev.agenthive.api.transfer.TableSpec;
import dev.agenthive.it.mariadb.MariaDbTestServer;
import dev.agenthive.it.postgres.PostgresTestServer;
import dev.agenthive.it.process.Stores;
import dev.agenthive.store.jdbc.transfer.KitTables;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Holds {@link KitTables}, the layout copy, backup and restore move rows by, against the columns each
 * database really has after the migrations, through JDBC's own catalogue: a column a migration adds
 * and the layout misses would be left behind by every copy, and one the layout names that the
 * database lacks would fail every scan. Also pins {@link KitTables#LAYOUT} to the migrations shipped,
 * so that a new migration cannot go out under the old layout number.
 */
class KitTablesMatchSchemaTest {
    /**
     * Tables the layout leaves out on purpose: Flyway's own, blobs, which move through the BlobStore
     * port, and MariaDB's event position counter, which a target raises itself after a copy.
     */
    private static final Set<String> NOT_IN_THE_LAYOUT = Set.of("flyway_schema_history", "blobs", "event_position");
    /**
     * PostgreSQL's column the database fills in and no copy writes: an event's writing transaction,
     * which in a target must be the copying transaction's id, below every later one (see KitTables).
     */
    private static final Set<String> ASSIGNED_BY_POSTGRESQL = Set.of("events.tx");
    /**
     * Columns a row given to the store may leave empty, the store then filling them in: never empty in
     * the database. An event's position, which an importer's events do not have.
     */
    private static final Set<String> FILLED_IN_BY_THE_STORE = Set.of("events.seq");
    private static final Pattern MIGRATION = Pattern.compile("V(\\d+)__.+\\.sql");
    /**
     * Orders columns for readable messages. It compares nullability too: AssertJ compares the elements
     * of a sorted set with the set's comparator, so one by name alone would let nullability differ.
     */
    private static final Comparator<ColumnShape> COLUMN_ORDER = Comparator.comparing(ColumnShape::name)
            .thenComparing(ColumnShape::nullable);

    @TempDir
    Path dir;

    @Test
    void sqlite() throws Exception {
        Path file = dir.resolve("kit.db");
        migrate("sqlite:" + file);
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            assertMatches(connection.getMetaData(), null, null, Set.of());
        }
        assertThat(KitTables.LAYOUT).isEqualTo(highestMigration("db/migration/sqlite"));
    }

    @Test
    void postgresql() throws Exception {
        PostgresTestServer server = PostgresTestServer.get();
        String url = server.emptyDatabase();
        try {
            migrate(url);
            try (Connection connection = server.connect(url)) {
                assertMatches(connection.getMetaData(), null, "public", ASSIGNED_BY_POSTGRESQL);
            }
        } finally {
            server.drop(url);
        }
        assertThat(KitTables.LAYOUT).isEqualTo(highestMigration("db/migration/postgresql"));
    }

    @Test
    void mariadb() throws Exception {
        MariaDbTestServer server = MariaDbTestServer.get();
        String url = server.emptyDatabase();
        try {
            migrate(url);
            try (Connection connection = server.connect(url)) {
                assertMatches(connection.getMetaData(), connection.getCatalog(), null, generated(connection));
            }
        } finally {
            server.drop(url);
        }
        assertThat(KitTables.LAYOUT).isEqualTo(highestMigration("db/migration/mariadb"));
    }

    private static void migrate(String url) {
        try (HiveStore store = Stores.open(url)) {
            assertThat(store.health().healthy()).isTrue();
        }
    }

    /** What a column of the layout, or of the database, says about itself here: its name and whether it may be empty. */
    private record ColumnShape(String name, boolean nullable) {
        @Override
        public String toString() {
            return name + (nullable ? " NULL" : " NOT NULL");
        }
    }

    /**
     * MariaDB's generated columns, its stand-ins for partial and expression indexes, as {@code table.column}:
     * the database computes them, so no copy writes them. Read from information_schema because
     * Connector/J reports {@code IS_GENERATEDCOLUMN = NO} for the invisible ones.
     */
    private static Set<String> generated(Connection connection) throws SQLException {
        Set<String> columns = new TreeSet<>();
        try (var statement = connection.prepareStatement("SELECT TABLE_NAME, COLUMN_NAME FROM information_schema.COLUMNS"
                + " WHERE TABLE_SCHEMA = DATABASE() AND IS_GENERATED = 'ALWAYS'");
             ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                columns.add((rs.getString(1) + "." + rs.getString(2)).toLowerCase(Locale.ROOT));
            }
        }
        assertThat(columns).as("MariaDB's generated columns")
                .containsExactlyInAnyOrder("context_sessions.active_agent_id", "configurations.agent_key",
                        "git_state.worktree_hash");
        return columns;
    }

    /** @param generated {@code table.column} of the columns the database fills in, which no copy writes */
    private static void assertMatches(DatabaseMetaData metaData, String catalog, String schema, Set<String> generated)
            throws SQLException {
        Map<String, Set<ColumnShape>> database = new TreeMap<>();
        try (ResultSet tables = metaData.getTables(catalog, schema, "%", new String[] {"TABLE"})) {
            while (tables.next()) {
                String table = tables.getString("TABLE_NAME").toLowerCase(Locale.ROOT);
                if (!NOT_IN_THE_LAYOUT.contains(table)) {
                    Set<ColumnShape> columns = columns(metaData, catalog, schema, tables.getString("TABLE_NAME"));
                    columns.removeIf(column -> generated.contains(table + "." + column.name()));
                    database.put(table, columns);
                }
            }
        }
        Map<String, Set<ColumnShape>> layout = new TreeMap<>();
        for (TableSpec table : KitTables.ALL) {
            layout.put(table.name(), table.columns().stream()
                    .map(column -> new ColumnShape(column.name(),
                            column.nullable() && !FILLED_IN_BY_THE_STORE.contains(table.name() + "." + column.name())))
                    .collect(Collectors.toCollection(() -> new TreeSet<>(COLUMN_ORDER))));
        }

        assertThat(database.keySet()).as("the tables of the database, against KitTables").isEqualTo(layout.keySet());
        for (Map.Entry<String, Set<ColumnShape>> table : layout.entrySet()) {
            assertThat(database.get(table.getKey())).as("columns of %s, against KitTables", table.getKey())
                    .containsExactlyInAnyOrderElementsOf(table.getValue());
        }
        assertThat(KitTables.ALL).extracting(TableSpec::columns).allSatisfy(columns ->
                assertThat(columns).extracting(Column::name).doesNotHaveDuplicates());
    }

    /** A table's columns as the driver reports them, names in lower case, less those it reports as generated. */
    private static Set<ColumnShape> columns(DatabaseMetaData metaData, String catalog, String schema, String table)
            throws SQLException {
        Set<ColumnShape> columns = new TreeSet<>(COLUMN_ORDER);
        try (ResultSet rs = metaData.getColumns(catalog, schema, table, "%")) {
            while (rs.next()) {
                if ("YES".equals(rs.getString("IS_GENERATEDCOLUMN"))) {
                    continue;
                }
                columns.add(new ColumnShape(rs.getString("COLUMN_NAME").toLowerCase(Locale.ROOT),
                        rs.getInt("NULLABLE") == DatabaseMetaData.columnNullable));
            }
        }
        return columns;
    }

    /**
     * The highest version among the {@code V<n>__*.sql} scripts under {@code folder} on the class path,
     * which must number 1 to n without a gap (the dialects keep their versions aligned).
     */
    private static int highestMigration(String folder) throws IOException, URISyntaxException {
        URL url = KitTablesMatchSchemaTest.class.getClassLoader().getResource(folder);
        assertThat(url).as("migrations in %s", folder).isNotNull();
        URI uri = url.toURI();
        List<Integer> versions = new ArrayList<>();
        if (uri.getScheme().equals("jar")) {
            try (FileSystem jar = FileSystems.newFileSystem(uri, Map.of())) {
                versions.addAll(versions(jar.getPath(folder)));
            }
        } else {
            versions.addAll(versions(Path.of(uri)));
        }
        assertThat(versions).as("migration versions in %s", folder).isNotEmpty()
                .doesNotHaveDuplicates();
        int highest = versions.stream().mapToInt(Integer::intValue).max().orElseThrow();
        assertThat(versions).as("migrations in %s number 1 to %d", folder, highest).hasSize(highest);
        return highest;
    }

    private static List<Integer> versions(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(file -> MIGRATION.matcher(file.getFileName().toString()))
                    .filter(Matcher::matches)
                    .map(matcher -> Integer.parseInt(matcher.group(1)))
                    .toList();
        }
    }
}
