package dev.agenthive.examples.h2;

import dev.agenthive.store.jdbc.SqlExecutor;
import dev.agenthive.store.jdbc.server.PooledSqlExecutor;
import org.apache.ibatis.session.SqlSession;

import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * The kit's pooled executor with the writes of the store taken one at a time. The shared repositories
 * decide some writes on what they read in the same transaction, which needs serializable writers, and
 * H2's SERIALIZABLE does not promise that concurrent writing transactions end as some serial order
 * would (H2's documentation on transaction isolation says so). An embedded database serves one JVM,
 * so one lock in the store is the whole cure: writes queue for it in arrival order, reads run beside
 * them on H2's snapshots.
 */
final class OneWriterExecutor implements SqlExecutor {
    private final PooledSqlExecutor pooled;
    private final ReentrantLock writer = new ReentrantLock(true);

    OneWriterExecutor(PooledSqlExecutor pooled) {
        this.pooled = pooled;
    }

    @Override
    public <T> T read(Function<SqlSession, T> work) {
        return pooled.read(work);
    }

    @Override
    public <T> T readStatement(Function<SqlSession, T> work) {
        return pooled.readStatement(work);
    }

    /** Writes queue for one lock, so a consumer's write that would find nothing is worth a read first. */
    @Override
    public boolean serializesWrites() {
        return true;
    }

    @Override
    public <T> T write(Function<SqlSession, T> work) {
        writer.lock();
        try {
            return pooled.write(work);
        } finally {
            writer.unlock();
        }
    }

    @Override
    public <T> T writeWithRowLocks(Function<SqlSession, T> work) {
        writer.lock();
        try {
            return pooled.writeWithRowLocks(work);
        } finally {
            writer.unlock();
        }
    }
}
