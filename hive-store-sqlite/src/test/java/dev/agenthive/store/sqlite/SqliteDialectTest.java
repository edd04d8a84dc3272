package dev.agenthive.store.sqlite;

import dev.agenthive.api.error.ConflictException;
import dev.agenthive.api.error.InvalidInputException;
import dev.agenthive.store.jdbc.RetryableStorageException;
import dev.agenthive.store.jdbc.SqlExceptionTranslator;
import dev.agenthive.store.jdbc.SqlFailure;
import org.junit.jupiter.api.Test;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** SQLite names tables and columns, or a CHECK's or an expression index's name, in its messages. */
class SqliteDialectTest {
    private final SqliteDialect dialect = new SqliteDialect();
    private final SqlExceptionTranslator translator = new SqlExceptionTranslator(dialect);

    @Test
    void uniqueViolationsReportTableAndColumns() {
        SqlFailure failure = dialect.classify(sqlite(SQLiteErrorCode.SQLITE_CONSTRAINT_UNIQUE,
                "UNIQUE constraint failed: agent_messages.idempotency_key, agent_messages.to_agent"));

        assertThat(failure).isEqualTo(new SqlFailure(SqlFailure.Kind.UNIQUE, SqlFailure.Constraint.onColumns(
                "agent_messages", List.of("idempotency_key", "to_agent"))));
        assertThat(translator.translate(sqlite(SQLiteErrorCode.SQLITE_CONSTRAINT_PRIMARYKEY,
                "UNIQUE constraint failed: tasks.id")))
                .isInstanceOf(ConflictException.class).hasMessageStartingWith("task.id: ");
    }

    @Test
    void anIndexOverExpressionsIsReportedByName() {
        assertThat(translator.translate(sqlite(SQLiteErrorCode.SQLITE_CONSTRAINT_UNIQUE,
                "UNIQUE constraint failed: index 'configurations_identity_uq'")))
                .isInstanceOf(ConflictException.class).hasMessageStartingWith("config.key: ");
    }

    @Test
    void checksAndNotNullsNameTheirConstraintOrColumn() {
        assertThat(translator.translate(sqlite(SQLiteErrorCode.SQLITE_CONSTRAINT_CHECK,
                "CHECK constraint failed: tasks_status_check")))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("task.status"));
        assertThat(translator.translate(sqlite(SQLiteErrorCode.SQLITE_CONSTRAINT_NOTNULL,
                "NOT NULL constraint failed: tasks.title")))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("tasks.title"));
    }

    @Test
    void busyAndLockedAreContention() {
        assertThat(translator.translate(sqlite(SQLiteErrorCode.SQLITE_BUSY, "database is locked")))
                .isInstanceOf(RetryableStorageException.class);
        assertThat(translator.translate(sqlite(SQLiteErrorCode.SQLITE_LOCKED_SHAREDCACHE, "table is locked")))
                .isInstanceOf(RetryableStorageException.class);
    }

    private static SQLiteException sqlite(SQLiteErrorCode code, String message) {
        return new SQLiteException("[" + code.name() + "] " + message, code);
    }
}
