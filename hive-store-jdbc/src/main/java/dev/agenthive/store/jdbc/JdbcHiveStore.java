package dev.agenthive.store.jdbc;

import dev.agenthive.api.Checks;
import dev.agenthive.api.blob.BlobReferences;
import dev.agenthive.api.blob.BlobStore;
import dev.agenthive.api.spi.LargeContent;
import dev.agenthive.api.spi.StorageSettings;
import dev.agenthive.api.store.HiveStore;
import dev.agenthive.api.store.StoreHealth;
import dev.agenthive.api.store.TransactionWork;
import dev.agenthive.api.transfer.TableAccess;
import dev.agenthive.store.jdbc.blob.JdbcBlobStore;
import dev.agenthive.store.jdbc.content.JdbcBlobReferences;
import dev.agenthive.store.jdbc.content.LargeContents;
import dev.agenthive.store.jdbc.transfer.JdbcTableAccess;
import dev.agenthive.store.jdbc.transfer.KitTables;

import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A {@link HiveStore} whose repositories run on a {@link SqlExecutor}. A store module extends it
 * with its executor and its lifecycle ({@link #health}, {@link #location}, {@link #close}).
 * {@link #inTransaction} runs the work as one write and hands it a view of the store bound to that
 * transaction, each of whose writes is a savepoint of it. Every such store can keep blobs in its own
 * database ({@link #blobStore()}).
 */
public abstract class JdbcHiveStore extends RepositoryView {
    private final SqlExecutor executor;
    private final SqlExceptionTranslator translator;
    private final BlobReferences blobReferences;
    private final JdbcBlobStore blobs;
    private final TableAccess tables;

    /**
     * @param executor     how the store runs SQL
     * @param clock        the store's clock; truncated to the dialect's {@link JdbcDialect#timePrecision()}
     * @param dialect      the database's dialect
     * @param largeContent where content above the inline limit goes ({@link StorageSettings#largeContent()})
     * @param maxBlobBytes the largest blob the store's {@link #blobStore()} accepts
     *                     ({@link JdbcBlobStore#maxBlobBytes(java.util.Map)} reads it from the settings)
     * @param jsonLimits   the limits every JSON value written or queried keeps
     *                     ({@link JsonLimits#from(java.util.Map)} reads them from the settings), the depth
     *                     lowered to the dialect's {@link JdbcDialect#maxJsonDepth()}
     */
    protected JdbcHiveStore(SqlExecutor executor, Clock clock, JdbcDialect dialect, LargeContent largeContent,
                            long maxBlobBytes, JsonLimits jsonLimits) {
        this(Objects.requireNonNull(executor, "executor is null"), Objects.requireNonNull(dialect, "dialect is null"),
                Objects.requireNonNull(largeContent, "largeContent is null"),
                OwnBlobs.create(executor, Clock.tick(Objects.requireNonNull(clock, "clock is null"),
                        dialect.timePrecision()), maxBlobBytes),
                new JsonValidator(Objects.requireNonNull(jsonLimits, "jsonLimits is null")
                        .atMostDepth(dialect.maxJsonDepth())));
    }

    private JdbcHiveStore(SqlExecutor executor, JdbcDialect dialect, LargeContent largeContent, OwnBlobs own,
                          JsonValidator jsonValidator) {
        super(new Repositories(executor, own.clock(), ContainmentFilter.of(dialect), dialect.eventPositions(),
                LargeContents.of(largeContent, own.blobs()), jsonValidator));
        this.executor = executor;
        this.translator = new SqlExceptionTranslator(dialect);
        this.blobReferences = new JdbcBlobReferences(executor);
        this.blobs = own.blobs();
        this.tables = new JdbcTableAccess(executor, dialect.eventPositions());
        own.location().store = this;
    }

    /**
     * The store's own blobs, made before the store since its repositories may put large content into
     * them; they ask for the store's location only once the store is built.
     */
    private record OwnBlobs(Clock clock, JdbcBlobStore blobs, StoreLocation location) {
        static OwnBlobs create(SqlExecutor executor, Clock clock, long maxBlobBytes) {
            StoreLocation location = new StoreLocation();
            return new OwnBlobs(clock, new JdbcBlobStore(executor, clock, maxBlobBytes, location), location);
        }
    }

    /** The location of a store, known once the store is built. */
    private static final class StoreLocation implements Supplier<String> {
        private volatile JdbcHiveStore store;

        @Override
        public String get() {
            return store.location();
        }
    }

    /** Every SQL store built on the kit knows which of its rows need a blob, whatever it was opened with. */
    @Override
    public Optional<BlobReferences> blobReferences() {
        return Optional.of(blobReferences);
    }

    /**
     * The blobs kept in table {@code blobs} of this store's database ({@code hive.blob.url=store:}). It
     * runs on the store's executor and lives as long as the store; its {@code close()} does nothing.
     */
    @Override
    public Optional<BlobStore> blobStore() {
        return Optional.of(blobs);
    }

    /** Every table of {@link KitTables}, read and written as it is. */
    @Override
    public Optional<TableAccess> tableAccess() {
        return Optional.of(tables);
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
                    outerRepositories.eventPositions(),
                    outerRepositories.largeContents().withinTransaction(), outerRepositories.jsonValidator()));
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
