package dev.agenthive.store.jdbc;

import dev.agenthive.api.Checks;
import dev.agenthive.api.blob.BlobReferences;
import dev.agenthive.api.spi.LargeContent;
import dev.agenthive.api.spi.StorageSettings;
import dev.agenthive.api.store.HiveStore;
import dev.agenthive.api.store.StoreHealth;
import dev.agenthive.api.store.TransactionWork;
import dev.agenthive.store.jdbc.content.JdbcBlobReferences;
import dev.agenthive.store.jdbc.content.LargeContents;

import java.time.Clock;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@link HiveStore} whose repositories run on a {@link SqlExecutor}. A store module extends it
 * with its executor and its lifecycle ({@link #health}, {@link #location}, {@link #close}).
 * {@link #inTransaction} runs the work as one write and hands it a view of the store bound to that
 * transaction, each of whose writes is a savepoint of it.
 */
public abstract class JdbcHiveStore extends RepositoryView {
    private final SqlExecutor executor;
    private final SqlExceptionTranslator translator;
    private final BlobReferences blobReferences;

    /**
     * @param executor     how the store runs SQL
     * @param clock        the store's clock; truncated to the dialect's {@link JdbcDialect#timePrecision()}
     * @param dialect      the database's dialect
     * @param largeContent where content above the inline limit goes ({@link StorageSettings#largeContent()})
     */
    protected JdbcHiveStore(SqlExecutor executor, Clock clock, JdbcDialect dialect, LargeContent largeContent) {
        super(new Repositories(Objects.requireNonNull(executor, "executor is null"),
                Clock.tick(Objects.requireNonNull(clock, "clock is null"),
                        Objects.requireNonNull(dialect, "dialect is null").timePrecision()),
                ContainmentFilter.of(dialect), LargeContents.of(largeContent, null)));
        this.executor = executor;
        this.translator = new SqlExceptionTranslator(dialect);
        this.blobReferences = new JdbcBlobReferences(executor);
    }

    /** Every SQL store built on the kit knows which of its rows need a blob, whatever it was opened with. */
    @Override
    public Optional<BlobReferences> blobReferences() {
        return Optional.of(blobReferences);
    }

    @Override
    public <T> T inTransaction(TransactionWork<T> work) {
        Checks.notNull(work, "work");
        return executor.write(session -> {
            SavepointExecutor bound = new SavepointExecutor(session, translator);
            T result = work.run(new BoundStore(this, bound, repositories()));
            bound.failIfContended();
            return result;
        });
    }

    /** The store as seen by the work of one transaction. */
    private static final class BoundStore extends RepositoryView {
        private final JdbcHiveStore outer;
        private final SqlExecutor bound;

        private BoundStore(JdbcHiveStore outer, SqlExecutor bound, Repositories outerRepositories) {
            super(new Repositories(bound, outerRepositories.clock(), outerRepositories.containment(),
                    outerRepositories.largeContents()));
            this.outer = outer;
            this.bound = bound;
        }

        @Override
        public <T> T inTransaction(TransactionWork<T> work) {
            Checks.notNull(work, "work");
            // A nested transaction is a savepoint: its failure undoes only its own writes.
            return bound.write(session -> work.run(this));
        }

        @Override
        public StoreHealth health() {
            return outer.health();
        }

        @Override
        public String location() {
            return outer.location();
        }

        @Override
        public void close() {
            throw new IllegalStateException("the store handed to a transaction is closed by its owner, not by the work");
        }
    }
}
