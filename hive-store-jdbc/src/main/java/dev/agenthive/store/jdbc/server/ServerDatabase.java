package dev.agenthive.store.jdbc.server;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import com.zaxxer.hikari.pool.HikariPool;
import dev.agenthive.api.error.StorageUnavailableException;
import dev.agenthive.api.observe.Instrument;
import dev.agenthive.api.observe.StatementListener;
import dev.agenthive.store.jdbc.FlywayMigrator;
import dev.agenthive.store.jdbc.JdbcDialect;
import dev.agenthive.store.jdbc.MapperCatalog;
import dev.agenthive.store.jdbc.Retry;
import dev.agenthive.store.jdbc.SqlExceptionTranslator;
import org.apache.ibatis.session.SqlSessionFactory;

import javax.sql.DataSource;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.ToIntFunction;

/**
 * An open database on a server: a HikariCP pool over the driver's data source, the schema migrated
 * (or checked), the MyBatis sessions with the dialect's overlays, and a {@link PooledSqlExecutor}.
 * What every server store shares from open to close; the store adds what is its database's own.
 */
public final class ServerDatabase implements AutoCloseable {
    private final JdbcDialect dialect;
    private final ServerStoreConfig config;
    private final HikariDataSource pool;
    private final PoolMeters poolMeters;
    private final SqlSessionFactory sessions;
    private final Retry retry;
    private final PooledSqlExecutor executor;
    private final Runnable stopListening;

    private ServerDatabase(JdbcDialect dialect, ServerStoreConfig config, HikariDataSource pool, PoolMeters poolMeters,
                           SqlSessionFactory sessions, Retry retry, Runnable stopListening) {
        this.dialect = dialect;
        this.config = config;
        this.pool = pool;
        this.poolMeters = poolMeters;
        this.sessions = sessions;
        this.retry = retry;
        this.executor = new PooledSqlExecutor(pool, sessions, new SqlExceptionTranslator(dialect), retry);
        this.stopListening = stopListening;
    }

    /** Like {@link #open(DataSource, MapperCatalog, ServerStoreConfig, boolean, StatementListener)}, naming no statements. */
    public static ServerDatabase open(DataSource direct, MapperCatalog catalog, ServerStoreConfig config, boolean migrate) {
        return open(direct, catalog, config, migrate, StatementListener.NONE);
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
     * @param statements   hears the statements the pool's sessions run ({@link MapperCatalog#listen})
     * @throws StorageUnavailableException the server cannot be reached, refuses the login, is not the
     *                                     dialect's database, or the schema cannot be migrated
     */
    public static ServerDatabase open(DataSource direct, MapperCatalog catalog, ServerStoreConfig config, boolean migrate,
                                      StatementListener statements) {
        Objects.requireNonNull(direct, "direct is null");
        Objects.requireNonNull(catalog, "catalog is null");
        Objects.requireNonNull(config, "config is null");
        Objects.requireNonNull(statements, "statements is null");
        JdbcDialect dialect = catalog.dialect();
        PoolMeters poolMeters = new PoolMeters();
        HikariDataSource pool = pool(direct, dialect, config, poolMeters);
        Runnable stopListening = catalog.listen(statements);
        try {
            // Flyway gets plain auto-commit connections of its own, not the pool's: its lock serialises
            // concurrent migrators only if each then sees the others' commits.
            if (migrate) {
                FlywayMigrator.migrate(direct, dialect);
            } else {
                FlywayMigrator.requireMigrated(direct, dialect);
            }
            catalog.requireDatabase(pool);
            return new ServerDatabase(dialect, config, pool, poolMeters, catalog.sessions(),
                    new Retry(config.retryTimeout()), stopListening);
        } catch (RuntimeException | Error e) {
            stopListening.run();
            pool.close();
            throw e;
        }
    }

    private static HikariDataSource pool(DataSource direct, JdbcDialect dialect, ServerStoreConfig config,
                                         PoolMeters poolMeters) {
        HikariConfig hikari = new HikariConfig();
        hikari.setMetricsTrackerFactory(poolMeters);
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

    /**
     * The pool's figures and the retry loop's, for {@link dev.agenthive.api.store.HiveStore#instruments()}:
     * connections active, idle, in total, at most, and threads waiting for one; how long acquiring a
     * connection took and how often it timed out; transactions run again after contention, and
     * serialization failures among those contentions.
     */
    public List<Instrument> instruments() {
        Map<String, String> none = Map.of();
        return List.of(
                Instrument.gauge("hive.store.connections.active", "Pooled connections in use", none,
                        () -> poolFigure(HikariPoolMXBean::getActiveConnections)),
                Instrument.gauge("hive.store.connections.idle", "Pooled connections open and unused", none,
                        () -> poolFigure(HikariPoolMXBean::getIdleConnections)),
                Instrument.gauge("hive.store.connections.total", "Pooled connections open", none,
                        () -> poolFigure(HikariPoolMXBean::getTotalConnections)),
                Instrument.gauge("hive.store.connections.pending", "Threads waiting for a pooled connection", none,
                        () -> poolFigure(HikariPoolMXBean::getThreadsAwaitingConnection)),
                Instrument.gauge("hive.store.connections.max", "Most connections the pool opens", none,
                        config::poolSize),
                Instrument.timer("hive.store.connections.acquire", "Waits for a pooled connection", none,
                        poolMeters::acquisitions, poolMeters::acquireNanos),
                Instrument.counter("hive.store.connections.timeouts", "Waits for a pooled connection that timed out",
                        none, poolMeters::timeouts),
                Instrument.counter("hive.store.retries", "Transactions run again after lock contention", none,
                        retry::retries),
                Instrument.counter("hive.store.serialization.failures",
                        "Transactions the database aborted for a serialization failure", none,
                        retry::serializationFailures));
    }

    /** A figure of the running pool; NaN once it is closed. */
    private double poolFigure(ToIntFunction<HikariPoolMXBean> figure) {
        HikariPoolMXBean stats = pool.getHikariPoolMXBean();
        return stats == null || pool.isClosed() ? Double.NaN : figure.applyAsInt(stats);
    }

    /** Refuses further work, stops naming statements to the store's listener and closes the pool. */
    @Override
    public void close() {
        executor.close();
        stopListening.run();
        pool.close();
    }
}
