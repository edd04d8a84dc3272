package dev.agenthive.store.sqlite;

import dev.agenthive.store.jdbc.SqlExecutor;
import org.apache.ibatis.session.SqlSession;

import java.util.function.Function;

/**
 * Routes work: writes to the single writer, reads to the pool, except on the writer thread, where
 * reads use the writer's own session and so see the transaction's uncommitted writes.
 */
final class SqliteExecutor implements SqlExecutor {
    private final SqliteWriter writer;
    private final SqliteReadPool readers;

    SqliteExecutor(SqliteWriter writer, SqliteReadPool readers) {
        this.writer = writer;
        this.readers = readers;
    }

    @Override
    public <T> T read(Function<SqlSession, T> work) {
        if (writer.isWriterThread()) {
            return writer.readInline(work);
        }
        return readers.read(work);
    }

    @Override
    public <T> T readStatement(Function<SqlSession, T> work) {
        if (writer.isWriterThread()) {
            return writer.readInline(work);
        }
        return readers.readStatement(work);
    }

    @Override
    public <T> T write(Function<SqlSession, T> work) {
        return writer.write(work);
    }

    /** Every write of the process goes through the one writer connection. */
    @Override
    public boolean serializesWrites() {
        return true;
    }
}
