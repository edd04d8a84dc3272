package dev.agenthive.store.postgres;

import dev.agenthive.api.spi.LargeContent;
import dev.agenthive.api.cache.ChangeFeed;
import dev.agenthive.api.error.InvalidInputException;
import dev.agenthive.api.error.StorageUnavailableException;
import dev.agenthive.api.notify.Notifier;
import dev.agenthive.api.observe.Instrument;
import dev.agenthive.api.observe.StatementListener;
import dev.agenthive.store.jdbc.MapperCatalog;
import dev.agenthive.store.jdbc.server.ServerDatabase;
import dev.agenthive.store.jdbc.server.ServerHiveStore;
import dev.agenthive.store.jdbc.server.ServerStoreConfig;
import org.apache.ibatis.session.SqlSession;
import org.postgresql.ds.PGSimpleDataSource;

import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The PostgreSQL {@link dev.agenthive.api.store.HiveStore}: the kit's {@link ServerDatabase} (a HikariCP
 * pool, the shared mappers with PostgreSQL's overlays, transactions as
 * {@link dev.agenthive.store.jdbc.server.PooledSqlExecutor} runs them), the server's clock, a
 * LISTEN/NOTIFY notifier and a change feed over the notifier's listening connection. Open it with
 * {@link #open} or through {@link PostgresStorageProvider}.
 */
public final class PostgresHiveStore extends ServerHiveStore {
    /** The {@code application_name} of the pool's connections. */
    private static final String APPLICATION_NAME = "agent-hive";
    /** The {@code application_name} of the listening connection, which tells it apart in {@code pg_stat_activity}. */
    static final String LISTENER_APPLICATION_NAME = "agent-hive-listener";

    private final PostgresUrl url;
    private final ServerClock clock;
    private final PostgresChangeFeed changes;
    private final PostgresNotifier notifier;

    private PostgresHiveStore(PostgresUrl url, ServerDatabase database, ServerClock clock,
                              LargeContent largeContent) {
        super(database, clock, largeContent);
        this.url = url;
        this.clock = clock;
        this.changes = new PostgresChangeFeed(database.executor());
        this.notifier = new PostgresNotifier(dataSource(url, database.config(), LISTENER_APPLICATION_NAME),
                database.sessions(), database.executor(), clock, changes, url.location(),
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
     * @param clock   the base of the store's clock, which follows the server's: see {@link ServerClock}
     * @param catalog the statements of {@link #catalog()}
     * @param largeContent where content above the inline limit goes
     * @param statements hears the statements each operation runs
     * @throws StorageUnavailableException the server cannot be reached, refuses the login, or the
     *                                     schema cannot be migrated; the message carries no password
     */
    public static PostgresHiveStore open(PostgresUrl url, ServerStoreConfig config, boolean migrate, Clock clock,
                                         MapperCatalog catalog, LargeContent largeContent,
                                         StatementListener statements) {
        PGSimpleDataSource direct = dataSource(url, config, APPLICATION_NAME);
        ServerDatabase database = ServerDatabase.open(direct, catalog, config, migrate, statements);
        try {
            ServerClock serverClock = new ServerClock(clock);
            database.executor().read(session -> serverClock.calibrate(
                    session.getMapper(PostgresControlMapper.class)::clockTimestamp));
            return new PostgresHiveStore(url, database, serverClock, largeContent);
        } catch (RuntimeException | Error e) {
            database.close();
            throw e;
        }
    }

    static PGSimpleDataSource dataSource(PostgresUrl url, ServerStoreConfig config, String applicationName) {
        PGSimpleDataSource source = new PGSimpleDataSource();
        // Not setURL: it records every driver default as if it were set, so the data source's URL
        // (which its connections report, and Flyway redacts with a regex at every open) grows to
        // 1.5 KB, on which that regex took 40-90 ms per call: the top CPU cost of opening a store.
        List<String> hosts = url.hosts();
        String[] names = new String[hosts.size()];
        int[] ports = new int[hosts.size()];
        for (int i = 0; i < hosts.size(); i++) {
            String hostPort = hosts.get(i);
            int colon = hostPort.lastIndexOf(':');
            names[i] = hostPort.substring(0, colon);
            ports[i] = Integer.parseInt(hostPort.substring(colon + 1));
        }
        source.setServerNames(names);
        source.setPortNumbers(ports);
        source.setDatabaseName(url.database());
        for (Map.Entry<String, String> option : url.options().entrySet()) {
            try {
                source.setProperty(option.getKey(), option.getValue());
            } catch (SQLException unknown) {
                throw new InvalidInputException("hive.storage.url", "option '" + option.getKey()
                        + "' is not a PostgreSQL JDBC driver property", unknown);
            }
        }
        source.setUser(url.user());
        if (url.password() != null) {
            source.setPassword(url.password());
        }
        source.setSocketTimeout(seconds(config.socketTimeout().toMillis()));
        source.setConnectTimeout(seconds(config.connectTimeout().toMillis()));
        source.setLoginTimeout(seconds(config.connectTimeout().toMillis()));
        source.setReWriteBatchedInserts(true);
        source.setTcpKeepAlive(true);
        source.setApplicationName(applicationName);
        // The server, not the client, must end a transaction whose client went silent (a frozen
        // network, a client frozen or killed mid-transaction): until then its row locks stay held.
        String options = source.getOptions();
        source.setOptions((options == null || options.isBlank() ? "" : options + " ")
                + "-c idle_in_transaction_session_timeout=" + config.idleInTransactionTimeout().toMillis());
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

    /** The kit's pool and retry figures, and the reconnects of the listening connection ({@code hive.store.notifier.reconnects}). */
    @Override
    public List<Instrument> instruments() {
        List<Instrument> instruments = new ArrayList<>(super.instruments());
        instruments.add(Instrument.counter("hive.store.notifier.reconnects",
                "Times the LISTEN connection was lost and listening again", Map.of(), notifier::reconnects));
        return List.copyOf(instruments);
    }

    @Override
    protected void closeResources() {
        notifier.close();
        changes.close();
    }

    @Override
    public String location() {
        return url.location();
    }

    @Override
    public Optional<Notifier> notifier() {
        return Optional.of(notifier);
    }

    /**
     * LISTEN/NOTIFY on channel {@code hive_cache}, keyed and asynchronous: another process hears of a
     * publication shortly after it returns, not at once. See {@link PostgresChangeFeed}.
     */
    @Override
    public Optional<ChangeFeed> changeFeed() {
        return Optional.of(changes);
    }

    /** The settings the store was opened with. */
    public ServerStoreConfig config() {
        return database().config();
    }
}
