package dev.agenthive.store.jdbc.server;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import com.zaxxer.hikari.pool.HikariPool;
import dev.agenthive.api.error.StorageUnavailableException;
import dev.agenthive.store.jdbc.FlywayMigrator;
import dev.agenthive.store.jdbc.JdbcDialect;
import dev.agenthive.store.jdbc.MapperCatalog;
import dev.agenthive.store.jdbc.Retry;
import dev.agenthive.store.jdbc.SqlExceptionTranslator;
import org.apache.ibatis.session.SqlSessionFactory;

import javax.sql.DataSource;
import java.util.Map;
import java.util.Objects;

/**
 * An open database on a server: a HikariCP pool over the driver's data source, the schema migrated
 * (or checked), the MyBatis sessions with the dialect's overlays, and a {@link PooledSqlExecutor}.
 * What every server store shares from open to close; the store adds what is its database's own.
 */
public final class ServerDatabase implements AutoCloseable {
    private final JdbcDialect dialect;
    private final ServerStoreConfig config;
    private final HikariDataSource pool;
    private final SqlSessionFactory sessions;
    private final PooledSqlExecutor executor;

    private ServerDatabase(JdbcDialect dialect, ServerStoreConfig config, HikariDataSource pool,
                           SqlSessionFactory sessions, PooledSqlExecutor executor) {
        this.dialect = dialect;
        this.config = config;
        this.pool = pool;
        this.sessions = sessions;
        this.executor = executor;
    }

    /**
     * Connects, migrates (or checks that the schema is current) and checks that the database is the catalog's.
     * Nothing stays open when it fails.
     *
     * @param direct       the driver's data source, with the store's connection settings (timeouts,
     *                     TLS, credentials); the pool draws from it, and Flyway uses it directly
     * @param catalog      the dialect's statements, shared by every store of one provider
     * @param config       the pool's settings
     * @param migrate      run the Flyway migrations first
     * @throws StorageUnavailableException the server cannot be reached, refuses the login, is not the
     *                                     dialect's database, or the schema cannot be migrated
     */
    public static ServerDatabase open(DataSource direct, MapperCatalog catalog, ServerStoreConfig config, boolean migrate) {
        Objects.requireNonNull(direct, "direct is null");
        Objects.requireNonNull(catalog, "catalog is null");
        Objects.requireNonNull(config, "config is null");
        JdbcDialect dialect = catalog.dialect();
        HikariDataSource pool = pool(direct, dialect, config);
        try {
            // Flyway gets plain auto-commit connections of its own, not the pool's: its lock serialises
            // concurrent migrators only if each then sees the others' commits.
            if (migrate) {
                FlywayMigrator.migrate(direct, dialect);
            } else {
                FlywayMigrator.requireMigrated(direct, dialect);
            }
            catalog.requireDatabase(pool);
            SqlSessionFactory sessions = catalog.sessions();
            PooledSqlExecutor executor = new PooledSqlExecutor(pool, sessions, new SqlExceptionTranslator(dialect),
                    new Retry(config.retryTimeout()));
            return new ServerDatabase(dialect, config, pool, sessions, executor);
        } catch (RuntimeException | Error e) {
            pool.close();
            throw e;
        }
    }

    private static HikariDataSource pool(DataSource direct, JdbcDialect dialect, ServerStoreConfig config) {
        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName("hive-" + config.provider());
        hikari.setDataSource(direct);
        hikari.setMaximumPoolSize(config.poolSize());
        hikari.setMinimumIdle(Math.min(2, config.poolSize()));
        hikari.setAutoCommit(false);
        // The hot paths' isolation, so they need no SET TRANSACTION; the rest set theirs per transaction.
        hikari.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
        hikari.setConnectionTimeout(Math.max(250, config.connectTimeout().toMillis()));
        hikari.setValidationTimeout(Math.max(250, Math.min(5_000, config.connectTimeout().toMillis())));
        try {
            return new HikariDataSource(hikari);
        } catch (HikariPool.PoolInitializationException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new StorageUnavailableException("cannot connect to " + dialect.databaseProductName() + ": "
                    + cause.getMessage(), e);
        }
    }

    public JdbcDialect dialect() {
        return dialect;
    }

    public ServerStoreConfig config() {
        return config;
    }

    /** The store's MyBatis sessions, for connections the store opens outside the pool. */
    public SqlSessionFactory sessions() {
        return sessions;
    }

    public PooledSqlExecutor executor() {
        return executor;
    }

    /** Adds the pool's size and its active and idle connections to health details. */
    void describePool(Map<String, String> details) {
        details.put("pool_size", String.valueOf(config.poolSize()));
        HikariPoolMXBean stats = pool.getHikariPoolMXBean();
        if (stats != null) {
            details.put("pool_active", String.valueOf(stats.getActiveConnections()));
            details.put("pool_idle", String.valueOf(stats.getIdleConnections()));
        }
    }

    /** Refuses further work and closes the pool. */
    @Override
    public void close() {
        executor.close();
        pool.close();
    }
}
