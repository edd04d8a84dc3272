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

    public SavepointExecutor(SqlSession session, SqlExceptionTranslator translator) {
        this.session = Objects.requireNonNull(session, "session is null");
        this.translator = Objects.requireNonNull(translator, "translator is null");
    }

    @Override
    public <T> T read(Function<SqlSession, T> work) {
        try {
            return work.apply(session);
        } catch (RuntimeException e) {
            throw translator.translate(e);
        }
    }

    @Override
    public <T> T write(Function<SqlSession, T> work) {
        return inSavepoint(session, translator, work);
    }

    /**
     * Runs {@code work} in a savepoint of the session's current transaction: released on success,
     * rolled back (and released) on failure, the failure translated and rethrown. A transient
     * failure is rethrown too: the caller's retry loop restarts the whole transaction.
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
