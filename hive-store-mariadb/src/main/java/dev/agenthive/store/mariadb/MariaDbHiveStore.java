package dev.agenthive.store.mariadb;

import dev.agenthive.api.spi.LargeContent;
import dev.agenthive.api.error.StorageUnavailableException;
import dev.agenthive.api.observe.StatementListener;
import dev.agenthive.store.jdbc.MapperCatalog;
import dev.agenthive.store.jdbc.server.ServerDatabase;
import dev.agenthive.store.jdbc.server.ServerHiveStore;
import dev.agenthive.store.jdbc.server.ServerStoreConfig;
import org.apache.ibatis.session.SqlSession;
import org.mariadb.jdbc.MariaDbDataSource;

import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The MariaDB {@link dev.agenthive.api.store.HiveStore}: the kit's {@link ServerDatabase} (a HikariCP
 * pool, the shared mappers with {@link MariaDbDialect}'s overlays, transactions as
 * {@link dev.agenthive.store.jdbc.server.PooledSqlExecutor} runs them). Open it with {@link #open} or
 * through {@link MariaDbStorageProvider}.
 *
 * <p>MariaDB has no LISTEN/NOTIFY, so the store offers no {@link dev.agenthive.api.notify.Notifier}: the core then wakes its
 * waiters in-process and finds work written by other processes at its recheck interval.
 */
public final class MariaDbHiveStore extends ServerHiveStore {
    private final MariaDbUrl url;

    private MariaDbHiveStore(MariaDbUrl url, ServerDatabase database, Clock clock, LargeContent largeContent) {
        super(database, clock, largeContent);
        this.url = url;
    }

    /** The store's statements, parsed at the first {@code get()}: one for all the stores a provider opens. */
    public static Supplier<MapperCatalog> catalog() {
        return MapperCatalog.lazy(new MariaDbDialect(), List.of(MariaDbControlMapper.class));
    }

    /**
     * Connects, migrates (or checks the schema is current) and builds the store.
     *
     * @param url     the parsed URL
     * @param config  the {@code hive.mariadb.*} settings
     * @param migrate run the Flyway migrations first
     * @param clock   the clock of leases, heartbeats and expiries
     * @param catalog the statements of {@link #catalog()}
     * @param largeContent where content above the inline limit goes
     * @param statements hears the statements each operation runs
     * @throws StorageUnavailableException the server cannot be reached, refuses the login, or the
     *                                     schema cannot be migrated; the message carries no password
     */
    public static MariaDbHiveStore open(MariaDbUrl url, ServerStoreConfig config, boolean migrate, Clock clock,
                                        MapperCatalog catalog, LargeContent largeContent,
                                        StatementListener statements) {
        ServerDatabase database = ServerDatabase.open(dataSource(url, config), catalog, config, migrate, statements);
        return new MariaDbHiveStore(url, database, clock, largeContent);
    }

    private static MariaDbDataSource dataSource(MariaDbUrl url, ServerStoreConfig config) {
        try {
            MariaDbDataSource source = new MariaDbDataSource(
                    url.jdbcUrl(config.connectTimeout().toMillis(), config.socketTimeout().toMillis(),
                            config.idleInTransactionTimeout()));
            source.setUser(url.user());
            if (url.password() != null) {
                source.setPassword(url.password());
            }
            return source;
        } catch (SQLException e) {
            throw new StorageUnavailableException("cannot configure the MariaDB driver for " + url + ": " + e.getMessage(), e);
        }
    }

    @Override
    protected void describe(Map<String, String> details) {
        details.put("database", url.database());
        details.put("host", url.host());
        details.put("sslMode", url.sslMode());
    }

    @Override
    protected void inspect(SqlSession session, Map<String, String> details) {
        details.put("server_version", session.getMapper(MariaDbControlMapper.class).serverVersion());
    }

    @Override
    public String location() {
        return url.location();
    }
}
