package dev.agenthive.store.jdbc;

import dev.agenthive.api.error.ConflictException;
import dev.agenthive.api.error.ErrorCode;
import dev.agenthive.api.error.InvalidInputException;
import dev.agenthive.api.error.NotFoundException;
import dev.agenthive.api.error.StorageUnavailableException;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;

/** Driver failures become hive-api exceptions; SQLSTATE classes are the dialect default. */
class SqlExceptionTranslatorTest {

    /** A dialect that names the constraint from the message, as SQLite's and PostgreSQL's do their own way. */
    private static final JdbcDialect STANDARD = new JdbcDialect() {
        @Override
        public String databaseId() {
            return "standard";
        }

        @Override
        public String databaseProductName() {
            return "Standard";
        }

        @Override
        public String migrationLocation() {
            return "classpath:none";
        }

        @Override
        public SqlFailure classify(SQLException exception) {
            SqlFailure failure = JdbcDialect.super.classify(exception);
            return new SqlFailure(failure.kind(), exception.getMessage());
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
    void uniqueViolationsAreDuplicates() {
        assertThat(translator.translate(new SQLException("tasks.id", "23505")))
                .isInstanceOfSatisfying(ConflictException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.DUPLICATE);
                    assertThat(e.getMessage()).startsWith("task.id");
                });
    }

    @Test
    void contentionIsRetryableAndEverythingElseUnavailable() {
        assertThat(translator.translate(new SQLException("deadlock", "40P01"))).isInstanceOf(RetryableStorageException.class);
        assertThat(translator.translate(new SQLException("disk I/O error", "58030")))
                .isInstanceOf(StorageUnavailableException.class).isNotInstanceOf(RetryableStorageException.class);
        assertThat(translator.translate(new SQLException("no state")))
                .isInstanceOf(StorageUnavailableException.class);
    }

    @Test
    void hiveExceptionsAndBugsPassThrough() {
        NotFoundException notFound = new NotFoundException("task", "t1");
        assertThat(translator.translate(notFound)).isSameAs(notFound);
        IllegalStateException bug = new IllegalStateException("bug");
        assertThat(translator.translate(bug)).isSameAs(bug);
    }
}
