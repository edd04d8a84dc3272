package dev.agenthive.store.jdbc;

import org.apache.ibatis.session.SqlSession;

import java.util.Objects;
import java.util.function.Function;

/**
 * An executor bound to a session that is already inside a transaction: what a store hands to the
 * work of {@link dev.agenthive.api.store.HiveStore#inTransaction}. Every write runs in its own
 * savepoint, so a repository call that fails leaves nothing half-written even when the enclosing
 * work catches the exception and goes on.
 */
public final class SavepointExecutor implements SqlExecutor {
    private final SqlSession session;
    private final SqlExceptionTranslator translator;
    /**
     * The contention a call of this transaction met, if any. The database may have rolled the
     * transaction back already, so nothing may run in it any more, even when the work caught the
     * exception and went on: later statements would run, and commit, in a new transaction.
     */
    private RetryableStorageException contention;

    public SavepointExecutor(SqlSession session, SqlExceptionTranslator translator) {
        this.session = Objects.requireNonNull(session, "session is null");
        this.translator = Objects.requireNonNull(translator, "translator is null");
    }

    @Override
    public <T> T read(Function<SqlSession, T> work) {
        failIfContended();
        try {
            return work.apply(session);
        } catch (RuntimeException e) {
            throw noteContention(translator.translate(e));
        }
    }

    @Override
    public <T> T write(Function<SqlSession, T> work) {
        failIfContended();
        try {
            return inSavepoint(session, translator, work);
        } catch (RuntimeException e) {
            throw noteContention(e);
        }
    }

    /**
     * Throws the contention an earlier call met, so that the transaction is run again rather than
     * committed: called before every call and once more before the commit.
     */
    public void failIfContended() {
        if (contention != null) {
            throw contention;
        }
    }

    private RuntimeException noteContention(RuntimeException failure) {
        if (failure instanceof RetryableStorageException retryable && contention == null) {
            contention = retryable;
        }
        return failure;
    }

    /**
     * Runs {@code work} in a savepoint of the session's current transaction: released on success,
     * rolled back (and released) on failure, the failure translated and rethrown. A transient
     * failure is rethrown too, even when the database took the savepoint away with the rest of the
     * transaction: the caller's retry loop restarts the whole transaction.
     */
    public static <T> T inSavepoint(SqlSession session, SqlExceptionTranslator translator, Function<SqlSession, T> work) {
        TransactionMapper control = session.getMapper(TransactionMapper.class);
        try {
            control.savepoint();
        } catch (RuntimeException e) {
            throw translator.translate(e);
        }
        T result;
        try {
            result = work.apply(session);
        } catch (RuntimeException | Error e) {
            RuntimeException failure = e instanceof RuntimeException runtime ? translator.translate(runtime) : null;
            try {
                control.rollbackToSavepoint();
                control.release();
            } catch (RuntimeException rollbackFailure) {
                // A deadlock or lock timeout may have rolled the whole transaction back, savepoint and
                // all (InnoDB does): the contention is what the caller must see, so that its retry loop
                // runs the whole transaction again, not the missing savepoint.
                if (failure instanceof RetryableStorageException) {
                    failure.addSuppressed(rollbackFailure);
                    throw failure;
                }
                RuntimeException translated = translator.translate(rollbackFailure);
                translated.addSuppressed(e);
                throw translated;
            }
            if (failure == null) {
                throw (Error) e;
            }
            throw failure;
        }
        try {
            control.release();
        } catch (RuntimeException e) {
            throw translator.translate(e);
        }
        return result;
    }
}
