package dev.agenthive.store.sqlite;

import dev.agenthive.store.jdbc.MapperOverlay;
import dev.agenthive.store.jdbc.MapperCatalog;
import org.apache.ibatis.builder.StaticSqlSource;
import org.apache.ibatis.mapping.MappedStatement;
import org.apache.ibatis.mapping.SqlSource;
import org.apache.ibatis.scripting.xmltags.DynamicSqlSource;
import org.apache.ibatis.scripting.xmltags.SqlNode;
import org.apache.ibatis.scripting.xmltags.TextSqlNode;
import org.apache.ibatis.scripting.defaults.RawSqlSource;
import org.apache.ibatis.session.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Parameters reach SQL only through {@code #{}} bind variables: every mapped statement of the
 * store's MyBatis configuration, and the raw text of every mapper XML and overlay file it is built
 * from, is free of {@code ${} substitution.
 */
class MapperSqlSafetyTest {
    /** Identifiers allowed to be substituted with ${}; deliberately empty. */
    private static final Set<String> ALLOWED_SUBSTITUTIONS = Set.of();

    @TempDir
    Path dir;

    @Test
    void noMappedStatementSubstitutesText() throws Exception {
        Configuration configuration = configuration();
        Set<String> ids = new LinkedHashSet<>();
        List<String> offenders = new ArrayList<>();
        for (Object candidate : configuration.getMappedStatements()) {
            // The collection also holds ambiguity markers for short names; only statements matter.
            if (!(candidate instanceof MappedStatement statement) || !ids.add(statement.getId())) {
                continue;
            }
            SqlSource source = statement.getSqlSource();
            if (source instanceof DynamicSqlSource dynamic) {
                for (SqlNode node : nodes(field(dynamic, "rootSqlNode"))) {
                    if (node instanceof TextSqlNode text && text.isDynamic()
                            && !ALLOWED_SUBSTITUTIONS.contains(field(text, "text").toString().trim())) {
                        offenders.add(statement.getId() + ": " + field(text, "text"));
                    }
                }
            } else {
                StaticSqlSource parsed = source instanceof RawSqlSource raw
                        ? (StaticSqlSource) field(raw, "sqlSource") : null;
                String sql = parsed == null ? source.getBoundSql(null).getSql() : (String) field(parsed, "sql");
                if (sql.contains("${")) {
                    offenders.add(statement.getId() + ": " + sql);
                }
            }
        }
        assertThat(ids).as("mapped statements found").hasSizeGreaterThan(40)
                .contains("dev.agenthive.store.jdbc.task.TaskMapper.claim",
                        "dev.agenthive.store.jdbc.task.TaskMapper.claimable",
                        "dev.agenthive.store.jdbc.blob.BlobMapper.insertOrRenew",
                        "dev.agenthive.store.jdbc.blob.BlobMapper.deleteIfStoredBefore",
                        "dev.agenthive.store.sqlite.SqliteControlMapper.beginImmediate");
        assertThat(offenders).isEmpty();
    }

    @Test
    void noMapperXmlContainsSubstitution() throws IOException {
        Collection<Class<?>> mappers = new ArrayList<>(MapperCatalog.SHARED_MAPPERS);
        mappers.add(SqliteControlMapper.class);
        List<URL> files = new ArrayList<>();
        for (Class<?> mapper : mappers) {
            URL shared = mapper.getClassLoader().getResource(mapper.getName().replace('.', '/') + ".xml");
            assertThat(shared).as("mapper XML of %s", mapper.getName()).isNotNull();
            files.add(shared);
        }
        int overlayFiles = 0;
        for (MapperOverlay overlay : new SqliteDialect().overlays()) {
            for (Class<?> mapper : MapperCatalog.SHARED_MAPPERS) {
                URL file = overlay.fileFor(mapper);
                if (file != null) {
                    files.add(file);
                    overlayFiles++;
                }
            }
        }
        for (URL file : files) {
            try (InputStream in = file.openStream()) {
                String xml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                assertThat(xml).as(file.toString()).contains("<mapper namespace=\"dev.agenthive.store.").doesNotContain("${");
            }
        }
        assertThat(mappers).hasSizeGreaterThanOrEqualTo(17);
        assertThat(overlayFiles).as("files of the kit's ON CONFLICT overlay and of SQLite's").isGreaterThanOrEqualTo(12);
    }

    @Test
    void dialectMatchesTheDriversProductName() throws Exception {
        SqliteConnections connections = new SqliteConnections(dir.resolve("name.db"), SqliteStoreConfig.defaults());
        try (Connection connection = connections.open()) {
            assertThat(connection.getMetaData().getDatabaseProductName()).isEqualTo(new SqliteDialect().databaseProductName());
        }
    }

    private Configuration configuration() {
        return SqliteHiveStore.catalog().get().sessions().getConfiguration();
    }

    /** Every node of a dynamic SQL tree, found through the node types' child fields. */
    private static List<SqlNode> nodes(Object root) throws IllegalAccessException {
        List<SqlNode> found = new ArrayList<>();
        collect(root, found, new HashSet<>());
        return found;
    }

    private static void collect(Object value, List<SqlNode> found, Set<Object> visited) throws IllegalAccessException {
        if (value instanceof Collection<?> children) {
            for (Object child : children) {
                collect(child, found, visited);
            }
            return;
        }
        if (!(value instanceof SqlNode node) || !visited.add(node)) {
            return;
        }
        found.add(node);
        for (Class<?> type = node.getClass(); type != null && type != Object.class; type = type.getSuperclass()) {
            for (Field field : type.getDeclaredFields()) {
                if (SqlNode.class.isAssignableFrom(field.getType()) || Collection.class.isAssignableFrom(field.getType())) {
                    field.setAccessible(true);
                    collect(field.get(node), found, visited);
                }
            }
        }
    }

    private static Object field(Object target, String name) throws ReflectiveOperationException {
        Field field = target.getClass().getDeclaredField(name);
        field.setAccessible(true);
        return field.get(target);
    }
}
