package dev.agenthive.store.jdbc;

import dev.agenthive.api.agent.AgentStatus;
import dev.agenthive.api.checkpoint.CheckpointKind;
import dev.agenthive.api.checkpoint.CheckpointStatus;
import dev.agenthive.api.error.StorageUnavailableException;
import dev.agenthive.api.event.Severity;
import dev.agenthive.api.memory.JsonType;
import dev.agenthive.api.project.ProjectKind;
import dev.agenthive.api.project.ProjectStatus;
import dev.agenthive.api.session.UsageLevel;
import dev.agenthive.api.task.TaskStatus;
import dev.agenthive.store.jdbc.agent.AgentMapper;
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
import java.util.List;
import java.util.Properties;

/**
 * Builds the MyBatis configuration of a store: the dialect's database id (confirmed against the
 * driver's product name through MyBatis' vendor provider), the type handlers, and every shared
 * mapper with the dialect's {@linkplain JdbcDialect#overlays() overlays} applied.
 * Transactions are never MyBatis' business: the store's executor owns BEGIN, COMMIT and savepoints.
 */
public final class MyBatisSetup {

    /** Mappers of the shared adapter, in registration order. */
    public static final List<Class<?>> SHARED_MAPPERS = List.of(TransactionMapper.class, AgentMapper.class,
            TaskMapper.class, MessageMapper.class, EventMapper.class, SharedMemoryMapper.class,
            ProjectMapper.class, MetricMapper.class, CheckpointMapper.class,
            GitStateMapper.class, PullRequestMapper.class, ConfigurationMapper.class,
            ContextSessionMapper.class, SnapshotContentMapper.class, SnapshotMapper.class);

    private MyBatisSetup() {
    }

    /**
     * A session factory for the dialect over the data source.
     *
     * @param dialect      the dialect; its {@code databaseId} must be what the driver reports
     * @param dataSource   used once to ask the driver its product name, and as MyBatis' environment
     * @param extraMappers the store's own mappers (pragmas, locking) besides the shared ones
     */
    public static SqlSessionFactory sessionFactory(JdbcDialect dialect, DataSource dataSource, List<Class<?>> extraMappers) {
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

        ManagedTransactionFactory transactions = new ManagedTransactionFactory();
        Properties noClose = new Properties();
        noClose.setProperty("closeConnection", "false");
        transactions.setProperties(noClose);

        Configuration configuration = new Configuration(new Environment("hive", transactions, dataSource));
        configuration.setDatabaseId(databaseId);
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
        return new SqlSessionFactoryBuilder().build(configuration);
    }
}
