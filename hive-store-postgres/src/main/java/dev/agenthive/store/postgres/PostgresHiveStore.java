package dev.agenthive.store.postgres;

import dev.agenthive.api.error.StorageUnavailableException;
import dev.agenthive.api.notify.Notifier;
import dev.agenthive.store.jdbc.MapperCatalog;
import dev.agenthive.store.jdbc.server.ServerDatabase;
import dev.agenthive.store.jdbc.server.ServerHiveStore;
import dev.agenthive.store.jdbc.server.ServerStoreConfig;
import org.apache.ibatis.session.SqlSession;
import org.postgresql.ds.PGSimpleDataSource;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The PostgreSQL {@link dev.agenthive.api.store.HiveStore}: the kit's {@link ServerDatabase} (a HikariCP
 * pool, the shared mappers with PostgreSQL's overlays, transactions as
 * {@link dev.agenthive.store.jdbc.server.PooledSqlExecutor} runs them), the server's clock, and a
 * LISTEN/NOTIFY notifier. Open it with {@link #open} or through {@link PostgresStorageProvider}.
 */
public final class PostgresHiveStore extends ServerHiveStore {
    private final PostgresUrl url;
    private final ServerClock clock;
    private final PostgresNotifier notifier;

    private PostgresHiveStore(PostgresUrl url, ServerDatabase database, PGSimpleDataSource direct, ServerClock clock) {
        super(database, clock);
        this.url = url;
        this.clock = clock;
        this.notifier = new PostgresNotifier(direct, database.sessions(), database.executor(), clock,
                database.config().connectTimeout());
    }

    /** The store's statements, parsed at the first {@code get()}: one for all the stores a provider opens. */
    public static Supplier<MapperCatalog> catalog() {
        return MapperCatalog.lazy(new PostgresDialect(), List.of(PostgresControlMapper.class));
    }

    /**
     * Connects, migrates (or checks the schema is current) and starts the notifier.
     *
     * @param url     the parsed URL
     * @param config  the {@code hive.postgresql.*} settings
     * @param migrate run the Flyway migrations first
     * @param catalog the statements of {@link #catalog()}
     * @throws StorageUnavailableException the server cannot be reached, refuses the login, or the
     *                                     schema cannot be migrated; the message carries no password
     */
    public static PostgresHiveStore open(PostgresUrl url, ServerStoreConfig config, boolean migrate,
                                         MapperCatalog catalog) {
        PGSimpleDataSource direct = dataSource(url, config);
        ServerDatabase database = ServerDatabase.open(direct, catalog, config, migrate);
        try {
            ServerClock clock = new ServerClock();
            database.executor().read(session -> clock.calibrate(session.getMapper(PostgresControlMapper.class)::clockTimestamp));
            return new PostgresHiveStore(url, database, direct, clock);
        } catch (RuntimeException | Error e) {
            database.close();
            throw e;
        }
    }

    private static PGSimpleDataSource dataSource(PostgresUrl url, ServerStoreConfig config) {
        PGSimpleDataSource source = new PGSimpleDataSource();
        source.setURL(url.jdbcUrl());
        source.setUser(url.user());
        if (url.password() != null) {
            source.setPassword(url.password());
        }
        source.setSocketTimeout(seconds(config.socketTimeout().toMillis()));
        source.setConnectTimeout(seconds(config.connectTimeout().toMillis()));
        source.setLoginTimeout(seconds(config.connectTimeout().toMillis()));
        source.setReWriteBatchedInserts(true);
        source.setTcpKeepAlive(true);
        source.setApplicationName("agent-hive");
        return source;
    }

    private static int seconds(long millis) {
        return (int) Math.max(1, (millis + 999) / 1000);
    }

    @Override
    protected void describe(Map<String, String> details) {
        details.put("database", url.database());
        details.put("hosts", String.join(",", url.hosts()));
        details.put("sslmode", url.sslMode());
    }

    @Override
    protected void inspect(SqlSession session, Map<String, String> details) {
        details.put("server_version", session.getMapper(PostgresControlMapper.class).serverVersion());
        details.put("clock_offset_ms", String.valueOf(clock.offset().toMillis()));
        details.put("listening", String.valueOf(notifier.listening()));
    }

    @Override
    protected void closeResources() {
        notifier.close();
    }

    @Override
    public String location() {
        return url.location();
    }

    @Override
    public Optional<Notifier> notifier() {
        return Optional.of(notifier);
    }

    /** The settings the store was opened with. */
    public ServerStoreConfig config() {
        return database().config();
    }
}
