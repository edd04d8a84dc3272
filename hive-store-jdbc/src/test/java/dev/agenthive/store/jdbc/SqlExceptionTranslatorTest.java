package dev.agenthive.store.jdbc;

import dev.agenthive.api.error.ConflictException;
import dev.agenthive.api.error.ErrorCode;
import dev.agenthive.api.error.InvalidInputException;
import dev.agenthive.api.error.NotFoundException;
import dev.agenthive.api.error.StorageUnavailableException;
import org.junit.jupiter.api.Test;

import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Driver failures become hive-api exceptions; SQLSTATE classes are the dialect default. */
class SqlExceptionTranslatorTest {

    /**
     * The standard classification, with the violated constraint read from the message: {@code name},
     * or {@code table:column,column} for a database that names columns instead.
     */
    private static final JdbcDialect STANDARD = new TestDialect() {
        @Override
        public SqlFailure.Constraint violatedConstraint(SQLException exception) {
            String message = exception.getMessage();
            int colon = message.indexOf(':');
            return colon < 0 ? SqlFailure.Constraint.named(message) : SqlFailure.Constraint.onColumns(
                    message.substring(0, colon), List.of(message.substring(colon + 1).split(",")));
        }
    };

    private final SqlExceptionTranslator translator = new SqlExceptionTranslator(STANDARD);

    @Test
    void namedCheckConstraintsNameTheApiField() {
        RuntimeException wrapped = new RuntimeException("mybatis wrapper", new SQLException("tasks_payload_json", "23514"));
        assertThat(translator.translate(wrapped)).isInstanceOfSatisfying(InvalidInputException.class, e -> {
            assertThat(e.field()).isEqualTo("task.payload");
            assertThat(e.rule()).isEqualTo("must be valid JSON");
        });
    }

    @Test
    void aFailedBatchIsReadFromItsFailingRow() {
        BatchUpdateException postgresStyle = new BatchUpdateException("Batch entry 0 was aborted", "23514", new int[0]);
        postgresStyle.setNextException(new SQLException("tasks_payload_json", "23514"));
        BatchUpdateException causeStyle = new BatchUpdateException("batch failed", "HY000", 0, new int[0],
                new SQLException("tasks_payload_json", "23514"));

        for (BatchUpdateException batch : List.of(postgresStyle, causeStyle)) {
            assertThat(translator.translate(new RuntimeException("mybatis wrapper", batch)))
                    .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("task.payload"));
        }
    }

    @Test
    void uniqueViolationsNameTheFieldByConstraintNameOrByTableAndColumns() {
        assertDuplicate(new SQLException("tasks_idempotency_key_uq", "23505"), "task.idempotencyKey");
        assertDuplicate(new SQLException("tasks:idempotency_key", "23505"), "task.idempotencyKey");
        assertDuplicate(new SQLException("agent_messages:to_agent,idempotency_key", "23505"), "message.idempotencyKey");
        assertDuplicate(new SQLException("configurations_identity_uq", "23505"), "config.key");
        assertDuplicate(new SQLException("agents_pkey", "23505"), "agent.id");
        assertDuplicate(new SQLException("tasks:title", "23505"), "tasks.title");
    }

    @Test
    void notNullAndForeignKeyViolationsNameWhatTheDatabaseReported() {
        assertThat(translator.translate(new SQLException("tasks:title", "23502")))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.field()).isEqualTo("tasks.title");
                    assertThat(e.rule()).isEqualTo("must not be null");
                });
        assertThat(translator.translate(new SQLException("tasks_parent_fk", "23503")))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("tasks_parent_fk"));
        assertThat(translator.translate(new SQLException("tasks_assigned_agent_fk", "23503")))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.field()).isEqualTo("task.assignedAgent");
                    assertThat(e.rule()).isEqualTo("must be a registered agent");
                });
    }

    @Test
    void onlyStandardStatesAreContention() {
        assertThat(translator.translate(new SQLException("serialization failure", "40001")))
                .isInstanceOf(RetryableStorageException.class);
        // PostgreSQL's deadlock and lock-timeout states are its dialect's business, not the standard's.
        assertThat(translator.translate(new SQLException("deadlock", "40P01")))
                .isInstanceOf(StorageUnavailableException.class).isNotInstanceOf(RetryableStorageException.class);
        assertThat(translator.translate(new SQLException("lock timeout", "55P03")))
                .isNotInstanceOf(RetryableStorageException.class);
        assertThat(translator.translate(new SQLException("disk I/O error", "58030")))
                .isInstanceOf(StorageUnavailableException.class).isNotInstanceOf(RetryableStorageException.class);
        assertThat(translator.translate(new SQLException("no state")))
                .isInstanceOf(StorageUnavailableException.class);
    }

    @Test
    void anIntegrityViolationOfUnknownKindIsBadInput() {
        assertThat(translator.translate(new SQLException("some_rule", "23000")))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.field()).isEqualTo("some_rule");
                    assertThat(e.rule()).isEqualTo("violates a schema constraint");
                });
    }

    @Test
    void hiveExceptionsAndBugsPassThrough() {
        NotFoundException notFound = new NotFoundException("task", "t1");
        assertThat(translator.translate(notFound)).isSameAs(notFound);
        IllegalStateException bug = new IllegalStateException("bug");
        assertThat(translator.translate(bug)).isSameAs(bug);
    }

    private void assertDuplicate(SQLException failure, String field) {
        assertThat(translator.translate(failure)).as(failure.getMessage())
                .isInstanceOfSatisfying(ConflictException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.DUPLICATE);
                    assertThat(e.getMessage()).startsWith(field + ": ");
                });
    }
}
