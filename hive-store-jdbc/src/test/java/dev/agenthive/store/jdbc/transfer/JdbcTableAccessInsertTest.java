package dev.agenthive.store.jdbc.transfer;

import dev.agenthive.api.transfer.TableSpec;
import dev.agenthive.store.jdbc.SqlExecutor;
import dev.agenthive.store.jdbc.event.EventPositions;
import org.apache.ibatis.session.SqlSession;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/** How {@link JdbcTableAccess#insert} splits rows into statements, seen through a mapper that records them. */
class JdbcTableAccessInsertTest {
    private static final TableSpec PROJECTS = KitTables.ALL.stream()
            .filter(table -> table.name().equals("projects")).findFirst().orElseThrow();

    private final List<List<String>> statements = new ArrayList<>();
    private int transactions;

    private final SqlExecutor executor = new SqlExecutor() {
        @Override
        public <T> T read(Function<SqlSession, T> work) {
            throw new AssertionError("an insert reads nothing");
        }

        @Override
        public <T> T write(Function<SqlSession, T> work) {
            transactions++;
            return work.apply(session());
        }
    };

    /** A session that records the ids of the rows of each insert statement it is asked to run. */
    private SqlSession session() {
        return (SqlSession) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {SqlSession.class},
                (proxy, method, args) -> {
                    assertThat(method.getName()).isEqualTo("insert");
                    assertThat(args[0]).isEqualTo(TableRowMapper.statement("insert", "projects"));
                    @SuppressWarnings("unchecked")
                    List<Map<String, Object>> rows = (List<Map<String, Object>>) ((Map<String, Object>) args[1]).get("rows");
                    statements.add(rows.stream().map(row -> (String) row.get("id")).toList());
                    return rows.size();
                });
    }

    private static List<Object> project(String id, String parentId) {
        Instant at = Instant.parse("2024-05-01T10:15:30Z");
        return Arrays.asList(id, "name " + id, null, parentId == null ? "project" : "epic", parentId, "active", "{}",
                at, at);
    }

    @Test
    void aChildNeverSharesAStatementWithItsParentAndAllRunInOneTransaction() {
        new JdbcTableAccess(executor, EventPositions.ASSIGNED_BY_INSERT).insert(PROJECTS, List.of(
                project("p1", null), project("p2", null), project("e1", "p1"), project("e2", "p2"),
                project("p3", null), project("e3", "p3"), project("e4", "p1")));

        // H2 would refuse e1 in the statement that inserts p1: it checks against the table the statement found.
        assertThat(statements).containsExactly(List.of("p1", "p2"), List.of("e1", "e2", "p3"), List.of("e3", "e4"));
        assertThat(transactions).isEqualTo(1);
    }

    @Test
    void rowsWithoutAHierarchyShareOneStatement() {
        new JdbcTableAccess(executor, EventPositions.ASSIGNED_BY_INSERT).insert(PROJECTS, List.of(project("p1", null), project("p2", null),
                project("e1", "elsewhere")));

        assertThat(statements).containsExactly(List.of("p1", "p2", "e1"));
    }
}
