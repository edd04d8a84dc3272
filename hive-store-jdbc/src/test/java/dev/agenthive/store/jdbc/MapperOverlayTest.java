package dev.agenthive.store.jdbc;

import dev.agenthive.api.session.TokenUpdate;
import dev.agenthive.api.session.UsageLevel;
import dev.agenthive.store.jdbc.agent.AgentMapper;
import org.apache.ibatis.mapping.MappedStatement;
import org.apache.ibatis.session.Configuration;
import org.apache.ibatis.session.SqlSession;
import org.apache.ibatis.session.SqlSessionFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteDataSource;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * A dialect replaces shared statements and fragments from its own module through mapper overlays,
 * and every mistake in them surfaces when the configuration is built, naming what is wrong. The test
 * dialect runs on SQLite; its overlays live in this module's test resources.
 */
class MapperOverlayTest {
    private static final String COUNT_BY_STATUS = "dev.agenthive.store.jdbc.agent.AgentMapper.countByStatus";

    @TempDir
    Path dir;

    private SQLiteDataSource dataSource;

    @BeforeEach
    void database() throws SQLException {
        dataSource = new SQLiteDataSource();
        dataSource.setUrl("jdbc:sqlite:" + dir.resolve("overlay.db"));
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE agents (id TEXT PRIMARY KEY, status TEXT NOT NULL)");
            statement.execute("INSERT INTO agents VALUES ('a-1', 'active'), ('a-2', 'active'), ('a-3', 'idle')");
        }
    }

    @Test
    void anOverlayStatementReplacesTheSharedOneBehindTheMapperMethod() throws SQLException {
        SqlSessionFactory factory = factory("hooks", "replace");

        try (Connection connection = dataSource.getConnection(); SqlSession session = factory.openSession(connection)) {
            assertThat(session.getMapper(AgentMapper.class).countByStatus())
                    .containsExactlyInAnyOrder(new KeyCount("replaced:active", 2), new KeyCount("replaced:idle", 1));
        }
        assertThat(factory.getConfiguration().getMappedStatement(COUNT_BY_STATUS).getResource())
                .contains("AgentMapper.xml", "overlays [on-conflict, hooks, replace]");
    }

    @Test
    void aLaterOverlayWins() throws SQLException {
        try (Connection connection = dataSource.getConnection();
             SqlSession session = factory("hooks", "replace", "again").openSession(connection)) {
            assertThat(session.getMapper(AgentMapper.class).countByStatus())
                    .containsExactlyInAnyOrder(new KeyCount("again:active", 2), new KeyCount("again:idle", 1));
        }
    }

    @Test
    void anOverlayFragmentReplacesTheSharedOneInEveryStatementThatIncludesIt() {
        Configuration configuration = factory("hooks", "replace").getConfiguration();

        for (String id : List.of("findActive", "end", "updateTokens", "listActive")) {
            MappedStatement statement = configuration.getMappedStatement(
                    "dev.agenthive.store.jdbc.session.ContextSessionMapper." + id);
            String sql = statement.getBoundSql(Map.of("agentId", "a-1", "id", "s-1", "now", Instant.EPOCH, "limit", 1,
                    "u", new TokenUpdate("s-1", 1, UsageLevel.NORMAL, UsageLevel.NORMAL))).getSql();
            assertThat(sql).as(id).contains("active IS TRUE").doesNotContain("active = 1");
        }
    }

    @Test
    void withoutOverlaysAtLeastTheHooksAreMissingAndNamed() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> factory());

        assertThat(e.getMessage()).contains("dev.agenthive.store.jdbc.agent.AgentMapper", "statement 'upsert'",
                "<sql> fragment 'hasCapability'", "<sql> fragment 'configurationContains'");
    }

    @Test
    void theStatementHooksOfTheTaskQueueAreNamedToo() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> factory("agenthooks"));

        assertThat(e.getMessage()).contains("dev.agenthive.store.jdbc.task.TaskMapper", "statement 'claim'",
                "<sql> fragment 'capable'").doesNotContain("statement 'insert'");
    }

    @Test
    void aStatementThatMatchesNoMethodIsRefused() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> factory("hooks", "misspelt"));

        assertThat(e.getMessage()).contains("overlay 'misspelt'", "id=\"cuontByStatus\"",
                "replaces no statement of dev.agenthive.store.jdbc.agent.AgentMapper");
    }

    @Test
    void anOverlayFileMustDeclareTheNamespaceItIsNamedAfter() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> factory("hooks", "wrongnamespace"));

        assertThat(e.getMessage()).contains("overlay 'wrongnamespace'",
                "must be a <mapper namespace=\"dev.agenthive.store.jdbc.agent.AgentMapper\">");
    }

    @Test
    void aFragmentNothingUsesIsRefused() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> factory("hooks", "unused"));

        assertThat(e.getMessage()).contains("<sql id=\"hasCapabilty\">", "nothing uses");
    }

    /** A session factory for the test dialect: the kit's ON CONFLICT overlay, then the named test overlays. */
    private SqlSessionFactory factory(String... overlays) {
        List<MapperOverlay> all = new ArrayList<>();
        all.add(MapperOverlay.ON_CONFLICT);
        Arrays.stream(overlays).map(name -> MapperOverlay.of(name, MapperOverlayTest.class, "overlaytest/" + name))
                .forEach(all::add);
        MapperCatalog catalog = MapperCatalog.build(new TestDialect(overlays.length == 0 ? List.of() : all), List.of());
        catalog.requireDatabase(dataSource);
        return catalog.sessions();
    }

    /** A dialect that lives outside the kit's main code, as a plugin's would. */
    private record TestDialect(List<MapperOverlay> overlays) implements JdbcDialect {
        @Override
        public String databaseId() {
            return "test";
        }

        @Override
        public String databaseProductName() {
            return "SQLite";
        }

        @Override
        public String migrationLocation() {
            return "classpath:none";
        }
    }
}
