package dev.agenthive.examples.h2;

import dev.agenthive.api.spi.LargeContent;
import dev.agenthive.api.store.StoreHealth;
import dev.agenthive.store.jdbc.JdbcHiveStore;
import dev.agenthive.store.jdbc.MapperCatalog;
import dev.agenthive.store.jdbc.server.ServerDatabase;
import dev.agenthive.store.jdbc.server.ServerStoreConfig;
import org.h2.jdbcx.JdbcDataSource;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * The H2 {@link dev.agenthive.api.store.HiveStore}: the kit's {@link ServerDatabase} (a HikariCP pool
 * over H2's data source, the schema migrated by Flyway, the shared mappers with this plugin's overlays)
 * and every repository of {@link JdbcHiveStore}, with writes taken one at a time
 * ({@link OneWriterExecutor}). An in-memory database lives as long as the store: the pool holds it open.
 */
public final class H2HiveStore extends JdbcHiveStore {
    private final H2Url url;
    private final ServerDatabase database;
    private final OneWriterExecutor executor;
    private final AtomicBoolean closed = new AtomicBoolean();

    private H2HiveStore(H2Url url, ServerDatabase database, OneWriterExecutor executor, Clock clock,
                        LargeContent largeContent) {
        super(executor, clock, database.dialect(), largeContent, database.config().maxBlobBytes(),
                database.config().jsonLimits());
        this.url = url;
        this.database = database;
        this.executor = executor;
    }

    /** The store's statements, parsed at the first {@code get()}: one for all the stores a provider opens. */
    public static Supplier<MapperCatalog> catalog() {
        return MapperCatalog.lazy(new H2Dialect(), List.of(H2ControlMapper.class));
    }

    /**
     * Opens (creating if need be) the database, migrates it or checks that it is current.
     *
     * @param catalog      the statements of {@link #catalog()}
     * @param largeContent where content above the inline limit goes ({@code StorageSettings.largeContent()})
     * @throws dev.agenthive.api.error.StorageUnavailableException the database cannot be opened or migrated
     */
    public static H2HiveStore open(H2Url url, ServerStoreConfig config, boolean migrate, Clock clock,
                                   MapperCatalog catalog, LargeContent largeContent) {
        JdbcDataSource direct = new JdbcDataSource();
        direct.setURL(url.jdbcUrl());
        ServerDatabase database = ServerDatabase.open(direct, catalog, config, migrate);
        return new H2HiveStore(url, database, new OneWriterExecutor(database.executor()), clock, largeContent);
    }

    @Override
    public StoreHealth health() {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("database", url.database());
        if (closed.get()) {
            details.put("error", "store is closed");
            return new StoreHealth(false, "h2", location(), details);
        }
        try {
            details.put("h2_version", executor.readStatement(session -> session.getMapper(H2ControlMapper.class).version()));
            return new StoreHealth(true, "h2", location(), details);
        } catch (RuntimeException e) {
            details.put("error", String.valueOf(e.getMessage()));
            return new StoreHealth(false, "h2", location(), details);
        }
    }

    @Override
    public String location() {
        return url.location();
    }

    /** Refuses further work and closes the pool (and with it an in-memory database). Idempotent. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            database.close();
        }
    }
}
