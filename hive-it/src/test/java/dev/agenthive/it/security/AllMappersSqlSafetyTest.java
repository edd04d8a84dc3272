package dev.agenthive.it.security;

import dev.agenthive.store.jdbc.MapperCatalog;
import dev.agenthive.store.mariadb.MariaDbHiveStore;
import dev.agenthive.store.postgres.PostgresHiveStore;
import dev.agenthive.store.sqlite.SqliteHiveStore;
import org.apache.ibatis.builder.StaticSqlSource;
import org.apache.ibatis.mapping.MappedStatement;
import org.apache.ibatis.mapping.SqlSource;
import org.apache.ibatis.scripting.defaults.RawSqlSource;
import org.apache.ibatis.scripting.xmltags.DynamicSqlSource;
import org.apache.ibatis.scripting.xmltags.SqlNode;
import org.apache.ibatis.scripting.xmltags.TextSqlNode;
import org.apache.ibatis.session.Configuration;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Parameters reach SQL only through {@code #{}} bind variables, in every mapper of every store, the
 * stores' own control mappers and dialect overlays included: every mapped statement of each store's
 * MyBatis configuration (XML and annotations alike), every mapper XML on the classpath, and every
 * mapper XML and MyBatis annotation in the source tree (the plugin example outside the reactor too)
 * is free of {@code ${}} substitution. Each store module's own test sees only that store's mappers;
 * this one sees them all.
 */
class AllMappersSqlSafetyTest {
    private static final Pattern MYBATIS_ANNOTATION =
            Pattern.compile("@(Select|Insert|Update|Delete)(Provider)?\\s*\\(");

    @Test
    void noMappedStatementOfAnyStoreSubstitutesText() throws Exception {
        Map<String, Supplier<MapperCatalog>> catalogs = new LinkedHashMap<>();
        catalogs.put("sqlite", SqliteHiveStore.catalog());
        catalogs.put("postgresql", PostgresHiveStore.catalog());
        catalogs.put("mariadb", MariaDbHiveStore.catalog());
        Set<String> ids = new LinkedHashSet<>();
        List<String> offenders = new ArrayList<>();
        for (Map.Entry<String, Supplier<MapperCatalog>> catalog : catalogs.entrySet()) {
            Configuration configuration = catalog.getValue().get().sessions().getConfiguration();
            Set<String> seen = new HashSet<>();
            for (Object candidate : configuration.getMappedStatements()) {
                // The collection also holds ambiguity markers for short names; only statements matter.
                if (candidate instanceof MappedStatement statement && seen.add(statement.getId())) {
                    ids.add(statement.getId());
                    substitution(statement).ifPresent(sql -> offenders.add(catalog.getKey() + " " + statement.getId() + ": " + sql));
                }
            }
        }
        assertThat(ids).as("the control mappers' statements are scanned")
                .contains("dev.agenthive.store.sqlite.SqliteControlMapper.beginImmediate",
                        "dev.agenthive.store.postgres.PostgresControlMapper.notify",
                        "dev.agenthive.store.postgres.PostgresControlMapper.clockTimestamp",
                        "dev.agenthive.store.mariadb.MariaDbControlMapper.serverVersion",
                        "dev.agenthive.store.jdbc.task.TaskMapper.claim");
        assertThat(offenders).isEmpty();
    }

    @Test
    void noMapperXmlOnTheClasspathSubstitutesText() throws IOException {
        Map<String, String> mappers = new LinkedHashMap<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path path = Path.of(entry);
            if (Files.isDirectory(path)) {
                try (Stream<Path> files = Files.walk(path)) {
                    for (Path file : files.filter(f -> f.toString().endsWith(".xml")).toList()) {
                        mappers.put(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
                    }
                }
            } else if (entry.endsWith(".jar") && Files.isRegularFile(path)) {
                try (ZipFile jar = new ZipFile(path.toFile())) {
                    Enumeration<? extends ZipEntry> entries = jar.entries();
                    while (entries.hasMoreElements()) {
                        ZipEntry zip = entries.nextElement();
                        if (zip.getName().startsWith("dev/agenthive/") && zip.getName().endsWith(".xml")) {
                            try (InputStream in = jar.getInputStream(zip)) {
                                mappers.put(entry + "!" + zip.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
                            }
                        }
                    }
                }
            }
        }
        mappers.values().removeIf(xml -> !xml.contains("<mapper"));

        assertThat(mappers.keySet()).as("mapper XML files of every store, control mappers and overlays included")
                .anyMatch(name -> name.replace('\\', '/').endsWith("dev/agenthive/store/postgres/PostgresControlMapper.xml"))
                .anyMatch(name -> name.replace('\\', '/').endsWith("dev/agenthive/store/sqlite/SqliteControlMapper.xml"))
                .anyMatch(name -> name.replace('\\', '/').contains("dev/agenthive/store/mariadb/mapper/"))
                .anyMatch(name -> name.replace('\\', '/').contains("dev/agenthive/store/postgres/mapper/"))
                .anyMatch(name -> name.replace('\\', '/').contains("dev/agenthive/store/jdbc/onconflict/"))
                .hasSizeGreaterThanOrEqualTo(45);
        assertThat(mappers.entrySet()).filteredOn(mapper -> mapper.getValue().contains("${"))
                .extracting(Map.Entry::getKey).isEmpty();
    }

    @Test
    void noMapperInTheSourceTreeSubstitutesText() throws IOException {
        Path root = Path.of(System.getProperty("user.dir")).toAbsolutePath().getParent();
        assertThat(root.resolve("examples/h2-store")).as("the source tree above hive-it").isDirectory();
        List<String> scanned = new ArrayList<>();
        List<String> offenders = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(Files::isRegularFile).filter(AllMappersSqlSafetyTest::isSource).toList()) {
                String text = Files.readString(file, StandardCharsets.UTF_8);
                boolean mapper = file.toString().endsWith(".xml") ? text.contains("<mapper")
                        : MYBATIS_ANNOTATION.matcher(text).find();
                if (mapper) {
                    scanned.add(root.relativize(file).toString().replace('\\', '/'));
                    if (text.contains("${")) {
                        offenders.add(root.relativize(file).toString());
                    }
                }
            }
        }
        assertThat(scanned)
                .contains("examples/h2-store/src/main/java/dev/agenthive/examples/h2/H2ControlMapper.java",
                        "hive-store-mariadb/src/main/java/dev/agenthive/store/mariadb/MariaDbControlMapper.java",
                        "hive-store-postgres/src/main/resources/dev/agenthive/store/postgres/PostgresControlMapper.xml")
                .anyMatch(name -> name.startsWith("examples/h2-store/src/main/resources/dev/agenthive/examples/h2/mapper/"));
        assertThat(offenders).isEmpty();
    }

    /** A file under some {@code src/}, never a build's output or a VCS folder. */
    private static boolean isSource(Path file) {
        String name = file.toString().replace('\\', '/');
        return (name.endsWith(".xml") || name.endsWith(".java")) && name.contains("/src/")
                && !name.contains("/target/") && !name.contains("/.git/")
                && !name.endsWith("/AllMappersSqlSafetyTest.java") && !name.endsWith("/MapperSqlSafetyTest.java");
    }

    /** The SQL of a statement that substitutes text with {@code ${}}, if it does. */
    private static Optional<String> substitution(MappedStatement statement) throws ReflectiveOperationException {
        SqlSource source = statement.getSqlSource();
        if (source instanceof DynamicSqlSource dynamic) {
            for (SqlNode node : nodes(field(dynamic, "rootSqlNode"))) {
                if (node instanceof TextSqlNode text && text.isDynamic()) {
                    return Optional.of(field(text, "text").toString());
                }
            }
            return Optional.empty();
        }
        StaticSqlSource parsed = source instanceof RawSqlSource raw ? (StaticSqlSource) field(raw, "sqlSource") : null;
        String sql = parsed == null ? source.getBoundSql(null).getSql() : (String) field(parsed, "sql");
        return sql.contains("${") ? Optional.of(sql) : Optional.empty();
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
