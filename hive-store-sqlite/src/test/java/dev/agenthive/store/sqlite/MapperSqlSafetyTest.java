package dev.agenthive.store.sqlite;

import dev.agenthive.store.jdbc.MyBatisSetup;
import org.apache.ibatis.builder.StaticSqlSource;
import org.apache.ibatis.mapping.MappedStatement;
import org.apache.ibatis.mapping.SqlSource;
import org.apache.ibatis.scripting.xmltags.DynamicSqlSource;
import org.apache.ibatis.scripting.xmltags.SqlNode;
import org.apache.ibatis.scripting.xmltags.TextSqlNode;
import org.apache.ibatis.scripting.defaults.RawSqlSource;
import org.apache.ibatis.session.Configuration;
import org.apache.ibatis.session.SqlSessionFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
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
 * store's MyBatis configuration, and the raw text of every mapper XML (including the statements of
 * other dialects, which this configuration does not load), is free of {@code ${} substitution.
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
                        "dev.agenthive.store.sqlite.SqliteControlMapper.beginImmediate");
        assertThat(offenders).isEmpty();
    }

    @Test
    void noMapperXmlContainsSubstitution() throws IOException {
        Collection<Class<?>> mappers = new ArrayList<>(MyBatisSetup.SHARED_MAPPERS);
        mappers.add(SqliteControlMapper.class);
        for (Class<?> mapper : mappers) {
            String resource = mapper.getName().replace('.', '/') + ".xml";
            try (InputStream in = mapper.getClassLoader().getResourceAsStream(resource)) {
                assertThat(in).as(resource).isNotNull();
                String xml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                assertThat(xml).as(resource).contains("<mapper namespace=\"" + mapper.getName() + "\"").doesNotContain("${");
            }
        }
        assertThat(mappers).hasSizeGreaterThanOrEqualTo(16);
    }

    @Test
    void dialectMatchesTheDriversProductName() throws Exception {
        SqliteConnections connections = new SqliteConnections(dir.resolve("name.db"), SqliteStoreConfig.defaults());
        try (Connection connection = connections.open()) {
            assertThat(connection.getMetaData().getDatabaseProductName()).isEqualTo(new SqliteDialect().databaseProductName());
        }
    }

    private Configuration configuration() {
        SqliteConnections connections = new SqliteConnections(dir.resolve("mappers.db"), SqliteStoreConfig.defaults());
        SqlSessionFactory factory = MyBatisSetup.sessionFactory(new SqliteDialect(), connections.dataSource(),
                List.of(SqliteControlMapper.class));
        return factory.getConfiguration();
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
