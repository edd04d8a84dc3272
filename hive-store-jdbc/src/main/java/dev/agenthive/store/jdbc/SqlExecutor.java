package dev.agenthive.store.jdbc;

import org.apache.ibatis.session.SqlSession;

import java.util.function.Function;

/**
 * How a store runs SQL work. Each call is atomic: a {@code write} either commits as a whole or
 * leaves nothing behind, and a {@code read} sees one consistent snapshot. Implementations translate
 * driver failures into hive-api exceptions (see {@link SqlExceptionTranslator}); the work itself
 * may throw hive-api exceptions, which reach the caller unchanged after the rollback.
 *
 * <p>The work may run more than once when the store retries a contended transaction, so it must
 * have no effect outside the session.
 */
public interface SqlExecutor {

    /** Runs read-only work. */
    <T> T read(Function<SqlSession, T> work);

    /**
     * Whether all writes of the process queue for one connection (SQLite), so that a write which
     * turns out to change nothing still delays every other write. Repositories then ask a reader
     * first whether a consumer's write (a claim, an inbox delivery) would find anything; where writers
     * run side by side (PostgreSQL) that read would only add a round trip and a second scan of the
     * queue. The default is {@code false}.
     */
    default boolean serializesWrites() {
        return false;
    }

    /**
     * Runs read-only work that executes exactly one statement. A statement sees one consistent state
     * by itself, so a store may run it without a transaction of its own (no BEGIN, no COMMIT); the
     * default is {@link #read}.
     */
    default <T> T readStatement(Function<SqlSession, T> work) {
        return read(work);
    }

    /** Runs work that writes, in one transaction (or one savepoint of the enclosing transaction). */
    <T> T write(Function<SqlSession, T> work);

    /**
     * Runs write work whose correctness rests on row locks alone: it changes rows only through
     * updates guarded by the state it expects (a concurrent change makes the update match nothing
     * instead of overwriting), and it locks every other row it decides on before reading it
     * ({@code SELECT ... FOR UPDATE [SKIP LOCKED]}). A store with many concurrent writers may run
     * such work at a weaker isolation than {@link #write}, where writers of neighbouring rows would
     * otherwise abort each other; the default is {@link #write}.
     */
    default <T> T writeWithRowLocks(Function<SqlSession, T> work) {
        return write(work);
    }
}
