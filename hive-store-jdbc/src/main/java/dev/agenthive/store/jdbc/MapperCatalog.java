package dev.agenthive.store.jdbc;

import dev.agenthive.api.agent.AgentStatus;
import dev.agenthive.api.checkpoint.CheckpointKind;
import dev.agenthive.api.checkpoint.CheckpointStatus;
import dev.agenthive.api.error.StorageUnavailableException;
import dev.agenthive.api.event.Severity;
import dev.agenthive.api.memory.JsonType;
import dev.agenthive.api.observe.StatementListener;
import dev.agenthive.api.project.ProjectKind;
import dev.agenthive.api.project.ProjectStatus;
import dev.agenthive.api.session.UsageLevel;
import dev.agenthive.api.task.TaskStatus;
import dev.agenthive.store.jdbc.agent.AgentMapper;
import dev.agenthive.store.jdbc.blob.BlobMapper;
import dev.agenthive.store.jdbc.content.BlobReferenceMapper;
import dev.agenthive.store.jdbc.checkpoint.CheckpointMapper;
import dev.agenthive.api.configuration.ConfigScope;
import dev.agenthive.api.pullrequest.PullRequestStatus;
import dev.agenthive.store.jdbc.configuration.ConfigurationMapper;
import dev.agenthive.store.jdbc.event.EventMapper;
import dev.agenthive.store.jdbc.git.GitStateMapper;
import dev.agenthive.store.jdbc.memory.SharedMemoryMapper;
import dev.agenthive.store.jdbc.message.MessageMapper;
import dev.agenthive.store.jdbc.metric.MetricMapper;
import dev.agenthive.store.jdbc.project.ProjectMapper;
import dev.agenthive.store.jdbc.pullrequest.PullRequestMapper;
import dev.agenthive.store.jdbc.session.ContextSessionMapper;
import dev.agenthive.store.jdbc.snapshot.SnapshotContentMapper;
import dev.agenthive.store.jdbc.snapshot.SnapshotMapper;
import dev.agenthive.store.jdbc.task.TaskMapper;
import dev.agenthive.store.jdbc.transfer.TableRowMapper;
import dev.agenthive.store.jdbc.type.DbValueEnumTypeHandler;
import org.apache.ibatis.mapping.Environment;
import org.apache.ibatis.mapping.VendorDatabaseIdProvider;
import org.apache.ibatis.session.AutoMappingBehavior;
import org.apache.ibatis.session.Configuration;
import org.apache.ibatis.session.ExecutorType;
import org.apache.ibatis.session.LocalCacheScope;
import org.apache.ibatis.session.SqlSessionFactory;
import org.apache.ibatis.session.SqlSessionFactoryBuilder;
import org.apache.ibatis.transaction.managed.ManagedTransactionFactory;
import org.apache.ibatis.type.JdbcType;
import org.apache.ibatis.type.TypeHandlerRegistry;

import javax.sql.DataSource;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * A dialect's MyBatis statements, parsed once and bound to no database: the shared mappers with the
 * dialect's {@linkplain JdbcDialect#overlays() overlays}, a store's own mappers, and the type
 * handlers. Parsing them is most of the CPU a store spends opening (about 40 ms on a warm JVM, JFR),
 * so a provider builds its catalog at its first open ({@link #lazy}) and every store it opens shares
 * it, as sessions of one MyBatis configuration are meant to be shared.
 *
 * <p>Sessions are always opened on a store's own connection
 * ({@link SqlSessionFactory#openSession(ExecutorType, java.sql.Connection)}); the catalog has no data
 * source, and a session opened without a connection fails. Transactions are never MyBatis' business:
 * the store's executor owns BEGIN, COMMIT and savepoints.
 */
public final class MapperCatalog {

    /** Mappers of the shared adapter, in registration order. */
    public static final List<Class<?>> SHARED_MAPPERS = List.of(TransactionMapper.class, AgentMapper.class,
            TaskMapper.class, MessageMapper.class, EventMapper.class, SharedMemoryMapper.class,
            ProjectMapper.class, MetricMapper.class, CheckpointMapper.class,
            GitStateMapper.class, PullRequestMapper.class, ConfigurationMapper.class,
            ContextSessionMapper.class, SnapshotContentMapper.class, SnapshotMapper.class, BlobMapper.class,
            BlobReferenceMapper.class, TableRowMapper.class);

    private final JdbcDialect dialect;
    private final SqlSessionFactory sessions;
    private final StatementNames statementNames;

    private MapperCatalog(JdbcDialect dialect, SqlSessionFactory sessions, StatementNames statementNames) {
        this.dialect = dialect;
        this.sessions = sessions;
        this.statementNames = statementNames;
    }

    /**
     * A catalog built at its first {@code get()} and kept; a failed build is tried again at the next.
     *
     * @param dialect      the dialect
     * @param extraMappers the store's own mappers (pragmas, locking) besides the shared ones
     */
    public static Supplier<MapperCatalog> lazy(JdbcDialect dialect, List<Class<?>> extraMappers) {
        Objects.requireNonNull(dialect, "dialect is null");
        Objects.requireNonNull(extraMappers, "extraMappers is null");
        List<Class<?>> mappers = List.copyOf(extraMappers);
        return new Supplier<>() {
            private MapperCatalog built;

            @Override
            public synchronized MapperCatalog get() {
                if (built == null) {
                    built = build(dialect, mappers);
                }
                return built;
            }
        };
    }

    /**
     * Parses the mappers for the dialect.
     *
     * @param dialect      the dialect
     * @param extraMappers the store's own mappers (pragmas, locking) besides the shared ones
     * @throws IllegalStateException a mapper or an overlay is wrong; the message names it
     */
    public static MapperCatalog build(JdbcDialect dialect, List<Class<?>> extraMappers) {
        Objects.requireNonNull(dialect, "dialect is null");
        Objects.requireNonNull(extraMappers, "extraMappers is null");
        ManagedTransactionFactory transactions = new ManagedTransactionFactory();
        Properties noClose = new Properties();
        noClose.setProperty("closeConnection", "false");
        transactions.setProperties(noClose);

        Configuration configuration = new Configuration(new Environment("hive", transactions, new NoDataSource()));
        configuration.setDatabaseId(dialect.databaseId());
        configuration.setMapUnderscoreToCamelCase(true);
        // Sessions are short and their reads must see the writes made just before in the same transaction.
        configuration.setLocalCacheScope(LocalCacheScope.STATEMENT);
        configuration.setCacheEnabled(false);
        configuration.setJdbcTypeForNull(JdbcType.NULL);
        configuration.setDefaultExecutorType(ExecutorType.REUSE);
        // Every result is a constructor resultMap or a single column: there is nothing to map by name,
        // and looking for unmapped columns cost each query about a tenth of its CPU (JFR, shared-memory get).
        configuration.setAutoMappingBehavior(AutoMappingBehavior.NONE);

        TypeHandlerRegistry handlers = configuration.getTypeHandlerRegistry();
        dialect.registerTypeHandlers(handlers);
        handlers.register(AgentStatus.class, new DbValueEnumTypeHandler<>(AgentStatus::dbValue, AgentStatus::parse));
        handlers.register(TaskStatus.class, new DbValueEnumTypeHandler<>(TaskStatus::dbValue, TaskStatus::parse));
        handlers.register(Severity.class, new DbValueEnumTypeHandler<>(Severity::dbValue, Severity::parse));
        handlers.register(JsonType.class, new DbValueEnumTypeHandler<>(JsonType::dbValue, JsonType::parse));
        handlers.register(ProjectKind.class, new DbValueEnumTypeHandler<>(ProjectKind::dbValue, ProjectKind::parse));
        handlers.register(ProjectStatus.class, new DbValueEnumTypeHandler<>(ProjectStatus::dbValue, ProjectStatus::parse));
        handlers.register(CheckpointKind.class, new DbValueEnumTypeHandler<>(CheckpointKind::dbValue, CheckpointKind::parse));
        handlers.register(CheckpointStatus.class,
                new DbValueEnumTypeHandler<>(CheckpointStatus::dbValue, CheckpointStatus::parse));
        handlers.register(PullRequestStatus.class,
                new DbValueEnumTypeHandler<>(PullRequestStatus::dbValue, PullRequestStatus::parse));
        handlers.register(ConfigScope.class, new DbValueEnumTypeHandler<>(ConfigScope::dbValue, ConfigScope::parse));
        handlers.register(UsageLevel.class, new DbValueEnumTypeHandler<>(UsageLevel::dbValue, UsageLevel::parse));

        for (Class<?> mapper : SHARED_MAPPERS) {
            MapperAssembly.load(configuration, mapper, dialect.overlays());
        }
        for (Class<?> mapper : extraMappers) {
            configuration.addMapper(mapper);
        }
        StatementNames statementNames = new StatementNames();
        configuration.addInterceptor(statementNames);
        return new MapperCatalog(dialect, new SqlSessionFactoryBuilder().build(configuration), statementNames);
    }

    public JdbcDialect dialect() {
        return dialect;
    }

    /** Sessions of these statements; open each on a connection of the store. */
    public SqlSessionFactory sessions() {
        return sessions;
    }

    /**
     * Hands the name of every statement that the sessions opened from now on run (the mapped
     * statement's id) to {@code listener}'s scope current on the running thread
     * ({@link dev.agenthive.api.spi.StorageSettings#statements()}). A store calls it before it opens its first session, and
     * runs what it returns when it closes. With {@link StatementListener#NONE}, and while no store
     * listens, sessions run exactly as without it.
     *
     * @return stops handing names to {@code listener}
     */
    public Runnable listen(StatementListener listener) {
        return statementNames.add(Objects.requireNonNull(listener, "listener is null"));
    }

    /**
     * Checks that the database behind the data source is the dialect's, by the product name its driver
     * reports (MyBatis' vendor provider), so that a store never runs one database's SQL on another.
     *
     * @throws StorageUnavailableException the name cannot be read, or names another database
     */
    public void requireDatabase(DataSource dataSource) {
        Properties vendors = new Properties();
        vendors.setProperty(dialect.databaseProductName(), dialect.databaseId());
        VendorDatabaseIdProvider idProvider = new VendorDatabaseIdProvider();
        idProvider.setProperties(vendors);
        String databaseId;
        try {
            databaseId = idProvider.getDatabaseId(dataSource);
        } catch (RuntimeException e) {
            throw new StorageUnavailableException("cannot read the database product name: " + e.getMessage(), e);
        }
        if (!dialect.databaseId().equals(databaseId)) {
            throw new StorageUnavailableException("the database is not " + dialect.databaseProductName()
                    + " (dialect '" + dialect.databaseId() + "')", null);
        }
    }

    /** The environment's data source, which sessions opened on a connection never use. */
    private static final class NoDataSource implements DataSource {
        private static UnsupportedOperationException refused() {
            return new UnsupportedOperationException("a MapperCatalog has no data source: open sessions on a connection");
        }

        @Override
        public Connection getConnection() {
            throw refused();
        }

        @Override
        public Connection getConnection(String username, String password) {
            throw refused();
        }

        @Override
        public PrintWriter getLogWriter() {
            return null;
        }

        @Override
        public void setLogWriter(PrintWriter out) {
            throw refused();
        }

        @Override
        public void setLoginTimeout(int seconds) {
            throw refused();
        }

        @Override
        public int getLoginTimeout() {
            return 0;
        }

        @Override
        public Logger getParentLogger() throws SQLFeatureNotSupportedException {
            throw new SQLFeatureNotSupportedException();
        }

        @Override
        public <T> T unwrap(Class<T> type) throws SQLException {
            throw new SQLException("not a wrapper");
        }

        @Override
        public boolean isWrapperFor(Class<?> type) {
            return false;
        }
    }
}
