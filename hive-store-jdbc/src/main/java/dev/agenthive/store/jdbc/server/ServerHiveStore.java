package dev.agenthive.store.jdbc.server;

import dev.agenthive.api.observe.Instrument;
import dev.agenthive.api.spi.LargeContent;
import dev.agenthive.api.store.StoreHealth;
import dev.agenthive.store.jdbc.JdbcHiveStore;
import org.apache.ibatis.session.SqlSession;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A {@link dev.agenthive.api.store.HiveStore} on a {@link ServerDatabase}: health from a query on the
 * pool plus the pool's figures, and a close that refuses further work, releases the store's own
 * resources and closes the pool. A store adds its details through {@link #describe} and
 * {@link #inspect}, and its resources through {@link #closeResources}.
 */
public abstract class ServerHiveStore extends JdbcHiveStore {
    private final ServerDatabase database;
    private final AtomicBoolean closed = new AtomicBoolean();

    /**
     * @param database the open database, closed with the store; its settings bound the store's blobs
     * @param clock    the store's clock
     */
    protected ServerHiveStore(ServerDatabase database, Clock clock, LargeContent largeContent) {
        super(database.executor(), clock, database.dialect(), largeContent, database.config().maxBlobBytes(),
                database.config().jsonLimits());
        this.database = database;
    }

    /** The database the store runs on. */
    protected final ServerDatabase database() {
        return database;
    }

    /** Details that need no connection (where the data lives), reported even when the store is down. */
    protected abstract void describe(Map<String, String> details);

    /**
     * Details read on a pooled connection in one read-only transaction (server version, state of the
     * store's own machinery); a failure here makes the store unhealthy.
     */
    protected abstract void inspect(SqlSession session, Map<String, String> details);

    /** Releases what the store holds besides the pool (listeners, threads); called once, by {@link #close}. */
    protected void closeResources() {
    }

    /** The pool's and the retry loop's figures ({@link ServerDatabase#instruments()}); a store may add its own. */
    @Override
    public List<Instrument> instruments() {
        return database.instruments();
    }

    @Override
    public final StoreHealth health() {
        String provider = database.config().provider();
        Map<String, String> details = new LinkedHashMap<>();
        describe(details);
        if (closed.get()) {
            details.put("error", "store is closed");
            return new StoreHealth(false, provider, location(), details);
        }
        try {
            database.executor().read(session -> {
                inspect(session, details);
                return null;
            });
            database.describePool(details);
            return new StoreHealth(true, provider, location(), details);
        } catch (RuntimeException e) {
            details.put("error", String.valueOf(e.getMessage()));
            return new StoreHealth(false, provider, location(), details);
        }
    }

    /**
     * Refuses further work, releases the store's own resources and closes the pool. Idempotent; later
     * calls of any repository fail with {@link dev.agenthive.api.error.StorageUnavailableException}
     * ("store is closed").
     */
    @Override
    public final void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        database.executor().close();
        try {
            closeResources();
        } finally {
            database.close();
        }
    }
}
