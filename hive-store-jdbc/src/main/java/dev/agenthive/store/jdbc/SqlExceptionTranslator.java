package dev.agenthive.store.jdbc;

import dev.agenthive.api.error.ConflictException;
import dev.agenthive.api.error.ErrorCode;
import dev.agenthive.api.error.HiveException;
import dev.agenthive.api.error.InvalidInputException;
import dev.agenthive.api.error.StorageUnavailableException;

import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.util.Objects;

/**
 * Turns whatever a unit of SQL work threw into a hive-api exception, so that no driver or MyBatis
 * type crosses a port. Hive exceptions pass through; a {@link SQLException} anywhere in the cause
 * chain is classified by the dialect; anything else (a bug) is rethrown as it is.
 */
public final class SqlExceptionTranslator {
    private final JdbcDialect dialect;

    public SqlExceptionTranslator(JdbcDialect dialect) {
        this.dialect = Objects.requireNonNull(dialect, "dialect is null");
    }

    /** The hive-api exception for {@code failure}, or {@code failure} itself when it is no SQL failure. */
    public RuntimeException translate(RuntimeException failure) {
        if (failure instanceof HiveException) {
            return failure;
        }
        SQLException sql = findSqlException(failure);
        if (sql == null) {
            return failure;
        }
        return translate(sql);
    }

    /** The hive-api exception for a driver failure. */
    public HiveException translate(SQLException sql) {
        SqlFailure classified = dialect.classify(sql);
        SqlFailure.Constraint constraint = classified.constraint();
        String named = constraint == null ? null : constraint.describe();
        return switch (classified.kind()) {
            case UNIQUE -> {
                String what = SchemaConstraints.unique(constraint).map(SchemaConstraints.Guard::field)
                        .orElse(named == null ? "a unique value" : named);
                yield new ConflictException(ErrorCode.DUPLICATE, what + ": is already used", sql);
            }
            case CHECK, FOREIGN_KEY -> {
                SchemaConstraints.Guard guard = SchemaConstraints.check(constraint == null ? null : constraint.name())
                        .orElse(classified.kind() == SqlFailure.Kind.CHECK
                                ? new SchemaConstraints.Guard(named == null ? "value" : named, "violates a schema constraint")
                                : new SchemaConstraints.Guard(named == null ? "reference" : named, "must refer to an existing row"));
                yield new InvalidInputException(guard.field(), guard.rule(), sql);
            }
            case NOT_NULL -> new InvalidInputException(named == null ? "value" : named, "must not be null", sql);
            case TRANSIENT -> new RetryableStorageException("database is busy: " + sql.getMessage(), sql);
            case UNAVAILABLE -> new StorageUnavailableException("database failure: " + sql.getMessage(), sql);
        };
    }

    private static SQLException findSqlException(Throwable failure) {
        Throwable current = failure;
        for (int depth = 0; current != null && depth < 16; depth++) {
            if (current instanceof SQLException sql) {
                return sql instanceof BatchUpdateException ? failingRow(sql) : sql;
            }
            current = current.getCause();
        }
        return null;
    }

    /**
     * A batch's own exception speaks of the batch; the failing row's error, with the server's code
     * and the constraint's name, is its next exception (PostgreSQL) or its cause.
     */
    private static SQLException failingRow(SQLException batch) {
        if (batch.getNextException() != null) {
            return batch.getNextException();
        }
        return batch.getCause() instanceof SQLException row ? row : batch;
    }
}
