package dev.agenthive.store.postgres;

import dev.agenthive.api.error.ConflictException;
import dev.agenthive.store.jdbc.SqlExceptionTranslator;
import dev.agenthive.store.jdbc.SqlFailure;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

import java.sql.SQLException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The dialect reads the fields of PostgreSQL's error messages (as the server sends them, NUL-separated). */
class PostgresDialectTest {
    private final PostgresDialect dialect = new PostgresDialect();

    @Test
    void pinsTheProductNameTheDriverReports() {
        assertThat(dialect.databaseProductName()).isEqualTo("PostgreSQL");
        assertThat(dialect.databaseId()).isEqualTo("postgresql");
    }

    @Test
    void violationsAreReportedByConstraintNameAndTable() {
        SqlFailure failure = dialect.classify(server("23505", "tasks", "tasks_idempotency_key_uq",
                "Key (idempotency_key)=(k-1) already exists."));

        assertThat(failure).isEqualTo(new SqlFailure(SqlFailure.Kind.UNIQUE,
                new SqlFailure.Constraint("tasks_idempotency_key_uq", "tasks", List.of())));
        assertThat(dialect.classify(server("23514", "tasks", "tasks_status_check", null)))
                .isEqualTo(new SqlFailure(SqlFailure.Kind.CHECK,
                        new SqlFailure.Constraint("tasks_status_check", "tasks", List.of())));
        assertThat(dialect.classify(server("23503", "tasks", "tasks_parent_fk", null)).kind())
                .isEqualTo(SqlFailure.Kind.FOREIGN_KEY);
    }

    @Test
    void uniqueViolationsNameTheApiFieldThroughTheSharedConstraintNames() {
        SqlExceptionTranslator translator = new SqlExceptionTranslator(dialect);

        assertThat(translator.translate(server("23505", "task_dependencies", "task_dependencies_pkey",
                "Key (task_id, depends_on_id)=(a, b) already exists.")))
                .isInstanceOf(ConflictException.class).hasMessageStartingWith("task.dependencies: ");
        assertThat(translator.translate(server("23505", "configurations", "configurations_identity_uq",
                "Key (scope, COALESCE(agent_id, ''::text), category, config_key)=(system, , llm, model) already exists.")))
                .isInstanceOf(ConflictException.class).hasMessageStartingWith("config.key: ");
        assertThat(translator.translate(server("23505", "context_sessions", "context_sessions_one_active_uq",
                "Key (agent_id)=(a-1) already exists.")))
                .isInstanceOf(ConflictException.class).hasMessageStartingWith("session.agentId: ");
    }

    @Test
    void conflictsAreTransientAndConnectionLossIsUnavailable() {
        assertThat(dialect.classify(server("40001", null, null, null)).kind()).isEqualTo(SqlFailure.Kind.TRANSIENT);
        assertThat(dialect.classify(server("40P01", null, null, null)).kind()).isEqualTo(SqlFailure.Kind.TRANSIENT);
        assertThat(dialect.classify(server("55P03", null, null, null)).kind()).isEqualTo(SqlFailure.Kind.TRANSIENT);
        assertThat(dialect.classify(new SQLException("connection refused", "08001")).kind())
                .isEqualTo(SqlFailure.Kind.UNAVAILABLE);
        assertThat(dialect.classify(server("57P01", null, null, null)).kind()).isEqualTo(SqlFailure.Kind.UNAVAILABLE);
    }

    @Test
    void malformedJsonbInputIsARefusedValue() {
        assertThat(dialect.classify(server("22P02", null, null, null)).kind()).isEqualTo(SqlFailure.Kind.CHECK);
    }

    private static PSQLException server(String state, String table, String constraint, String detail) {
        StringBuilder fields = new StringBuilder("SERROR\0C").append(state).append("\0Mfailed\0");
        if (detail != null) {
            fields.append('D').append(detail).append('\0');
        }
        if (table != null) {
            fields.append('t').append(table).append('\0');
        }
        if (constraint != null) {
            fields.append('n').append(constraint).append('\0');
        }
        return new PSQLException(new ServerErrorMessage(fields.toString()));
    }
}
