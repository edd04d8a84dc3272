package dev.agenthive.store.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import com.zaxxer.hikari.pool.HikariPool;
import dev.agenthive.api.error.StorageUnavailableException;
import dev.agenthive.api.notify.Notifier;
import dev.agenthive.api.store.StoreHealth;
import dev.agenthive.store.jdbc.FlywayMigrator;
import dev.agenthive.store.jdbc.JdbcHiveStore;
import dev.agenthive.store.jdbc.MyBatisSetup;
import dev.agenthive.store.jdbc.SqlExceptionTranslator;
import org.apache.ibatis.session.SqlSessionFactory;
import org.postgresql.ds.PGSimpleDataSource;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The PostgreSQL {@link dev.agenthive.api.store.HiveStore}: a HikariCP pool of read-committed
 * connections (see {@link PostgresExecutor} for the isolation of each kind of work), the shared mappers with PostgreSQL's few overrides, the server's clock, and a
 * LISTEN/NOTIFY notifier. Open it with {@link #open} or through {@link PostgresStorageProvider}.
 */
public final class PostgresHiveStore extends JdbcHiveStore {
    private static final String PROVIDER = "postgresql";

    private final PostgresUrl url;
    private final PostgresStoreConfig config;
    private final HikariDataSource pool;
    private final PostgresExecutor executor;
    private final ServerClock clock;
    private final PostgresNotifier notifier;
    private final AtomicBoolean closed = new AtomicBoolean();

    private PostgresHiveStore(PostgresUrl url, PostgresStoreConfig config, HikariDataSource pool,
                              PGSimpleDataSource direct, SqlSessionFactory sessions, PostgresExecutor executor,
                              ServerClock clock, PostgresDialect dialect) {
        super(executor, clock, dialect);
        this.url = url;
        this.config = config;
        this.pool = pool;
        this.executor = executor;
        this.clock = clock;
        this.notifier = new PostgresNotifier(direct, sessions, executor, clock, config.connectTimeout());
    }

    /**
     * Connects, migrates (or checks the schema is current) and starts the notifier.
     *
     * @param url     the parsed URL
     * @param config  the {@code hive.postgresql.*} settings
     * @param migrate run the Flyway migrations first
     * @throws StorageUnavailableException the server cannot be reached, refuses the login, or the
     *                                     schema cannot be migrated; the message carries no password
     */
    public static PostgresHiveStore open(PostgresUrl url, PostgresStoreConfig config, boolean migrate) {
        PGSimpleDataSource direct = dataSource(url, config);
        HikariDataSource pool = pool(direct, config);
        try {
            PostgresDialect dialect = new PostgresDialect();
            // Flyway gets plain auto-commit connections of its own, not the pool's: its advisory lock
            // serialises concurrent migrators only if each then sees the others' commits.
            if (migrate) {
                FlywayMigrator.migrate(direct, dialect);
            } else {
                FlywayMigrator.requireMigrated(direct, dialect);
            }
            SqlExceptionTranslator translator = new SqlExceptionTranslator(dialect);
            SqlSessionFactory sessions = MyBatisSetup.sessionFactory(dialect, pool, List.of(PostgresControlMapper.class));
            PostgresExecutor executor = new PostgresExecutor(pool, sessions, translator, config.retryTimeout());
            ServerClock clock = new ServerClock();
            executor.read(session -> clock.calibrate(session.getMapper(PostgresControlMapper.class)::clockTimestamp));
            return new PostgresHiveStore(url, config, pool, direct, sessions, executor, clock, dialect);
        } catch (RuntimeException | Error e) {
            pool.close();
            throw e;
        }
    }

    private static PGSimpleDataSource dataSource(PostgresUrl url, PostgresStoreConfig config) {
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

    private static HikariDataSource pool(PGSimpleDataSource direct, PostgresStoreConfig config) {
        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName("hive-postgresql");
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
            throw new StorageUnavailableException("cannot connect to PostgreSQL: " + cause.getMessage(), e);
        }
    }

    @Override
    public StoreHealth health() {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("database", url.database());
        details.put("hosts", String.join(",", url.hosts()));
        details.put("sslmode", url.sslMode());
        if (closed.get()) {
            details.put("error", "store is closed");
            return new StoreHealth(false, PROVIDER, location(), details);
        }
        try {
            executor.read(session -> {
                PostgresControlMapper control = session.getMapper(PostgresControlMapper.class);
                details.put("server_version", control.serverVersion());
                return null;
            });
            HikariPoolMXBean stats = pool.getHikariPoolMXBean();
            details.put("pool_size", String.valueOf(config.poolSize()));
            if (stats != null) {
                details.put("pool_active", String.valueOf(stats.getActiveConnections()));
                details.put("pool_idle", String.valueOf(stats.getIdleConnections()));
            }
            details.put("clock_offset_ms", String.valueOf(clock.offset().toMillis()));
            details.put("listening", String.valueOf(notifier.listening()));
            return new StoreHealth(true, PROVIDER, location(), details);
        } catch (RuntimeException e) {
            details.put("error", String.valueOf(e.getMessage()));
            return new StoreHealth(false, PROVIDER, location(), details);
        }
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
    public PostgresStoreConfig config() {
        return config;
    }

    /**
     * Stops the notifier and closes the pool. Idempotent; later calls of any repository fail with
     * {@link StorageUnavailableException} ("store is closed").
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        executor.close();
        try {
            notifier.close();
        } finally {
            pool.close();
        }
    }
}
